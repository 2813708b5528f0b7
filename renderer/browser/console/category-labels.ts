import type { CameraCategory } from '../../../common/domain/camera.js';

export const categoryLabels: Record<CameraCategory, string> = {
  bank: 'Bank',
  atm: 'ATM',
  market: 'Market',
  hotel: 'Hotel',
  hospital: 'Hospital',
  petrol_pump: 'Petrol pump',
  industrial: 'Industrial',
  bus: 'Bus',
  call_box: 'Call box',
};
