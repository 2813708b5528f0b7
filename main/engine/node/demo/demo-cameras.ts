// The demo site's cameras: the categories the city named (banks, ATMs, markets, hotels,
// hospitals, petrol pumps, industrial areas, buses), at real Kanpur places.
import type { CameraCategory } from '../../../../common/domain/camera.js';
import { kanpurPlaces as p, type Place } from './kanpur-places.js';

export interface DemoCamera {
  id: string;
  name: string;
  category: CameraCategory;
  place: Place;
  /** Streams H.265 only: shown as "unsupported" so operators see that state for real. */
  h265?: boolean;
}

type Row = [id: string, name: string, place: Place];

// Call-box cameras come with their boxes (demo-boxes.ts).
const byCategory: Record<Exclude<CameraCategory, 'call_box'>, Row[]> = {
  bank: [
    ['bank-sbi-mall-road', 'SBI Main Branch entrance', p.mallRoad],
    ['bank-pnb-birhana-road', 'PNB Birhana Road hall', p.badaChauraha],
    ['bank-bob-swaroop-nagar', 'Bank of Baroda Swaroop Nagar', p.swaroopNagar],
    ['bank-canara-kidwai-nagar', 'Canara Bank Kidwai Nagar', p.kidwaiNagar],
    ['bank-hdfc-civil-lines', 'HDFC Bank Civil Lines', p.civilLines],
    ['bank-union-govind-nagar', 'Union Bank Govind Nagar', p.govindNagar],
    ['bank-sbi-kalyanpur', 'SBI Kalyanpur vault door', p.kalyanpur],
    ['bank-icici-parade', 'ICICI Bank Parade', p.parade],
  ],
  atm: [
    ['atm-sbi-ghantaghar', 'SBI ATM Ghantaghar', p.ghantaghar],
    ['atm-pnb-naveen-market', 'PNB ATM Naveen Market', p.naveenMarket],
    ['atm-hdfc-kakadeo', 'HDFC ATM Kakadeo', p.kakadeo],
    ['atm-axis-rawatpur', 'Axis ATM Rawatpur', p.rawatpur],
    ['atm-sbi-barra', 'SBI ATM Barra', p.barra],
    ['atm-bob-naubasta', 'Bank of Baroda ATM Naubasta', p.naubasta],
    ['atm-icici-iit-gate', 'ICICI ATM IIT Gate', p.iitGate],
    ['atm-sbi-chakeri', 'SBI ATM Chakeri', p.chakeri],
  ],
  market: [
    ['market-naveen-main-gate', 'Naveen Market main gate', p.naveenMarket],
    ['market-bada-chauraha', 'Bada Chauraha crossing', p.badaChauraha],
    ['market-parade-lane', 'Parade market lane', p.parade],
    ['market-ghantaghar-east', 'Ghantaghar market east', p.ghantaghar],
    ['market-kakadeo-coaching', 'Kakadeo coaching street', p.kakadeo],
    ['market-collectorganj-galla', 'Collectorganj grain market', p.collectorganj],
    ['market-gumti-5', 'Gumti No. 5 market', p.gumti],
    ['market-govind-nagar-chowk', 'Govind Nagar chowk', p.govindNagar],
  ],
  hotel: [
    ['hotel-landmark-lobby', 'Hotel Landmark lobby', p.civilLines],
    ['hotel-mall-road-gate', 'Mall Road hotel gate', p.mallRoad],
    ['hotel-swaroop-nagar', 'Swaroop Nagar hotel entry', p.swaroopNagar],
    ['hotel-rambagh-guest-house', 'Rambagh guest house', p.rambagh],
    ['hotel-jhakarkati', 'Jhakarkati hotel row', p.jhakarkati],
    ['hotel-kidwai-nagar', 'Kidwai Nagar hotel', p.kidwaiNagar],
  ],
  hospital: [
    ['hospital-llr-emergency', 'LLR Hospital emergency', p.swaroopNagar],
    ['hospital-ursula-gate', 'Ursula Horsman Hospital gate', p.civilLines],
    ['hospital-kanshiram-opd', 'Kanshiram Hospital OPD', p.rocketTiraha],
    ['hospital-kidwai-nagar-chc', 'Kidwai Nagar health centre', p.kidwaiNagar],
    ['hospital-rawatpur-nursing', 'Rawatpur nursing home', p.rawatpur],
    ['hospital-jajmau-chc', 'Jajmau health centre', p.jajmau],
  ],
  petrol_pump: [
    ['petrol-gt-road-rawatpur', 'GT Road pump Rawatpur', p.rawatpur],
    ['petrol-kalpi-road', 'Kalpi Road pump', p.fazalganj],
    ['petrol-chakeri-highway', 'Chakeri highway pump', p.chakeri],
    ['petrol-naubasta-bypass', 'Naubasta bypass pump', p.naubasta],
    ['petrol-kalyanpur', 'Kalyanpur pump', p.kalyanpur],
    ['petrol-shyam-nagar', 'Shyam Nagar pump', p.shyamNagar],
  ],
  industrial: [
    ['industrial-panki-gate-1', 'Panki Industrial Area gate 1', p.panki],
    ['industrial-panki-power', 'Panki power plant road', p.panki],
    ['industrial-dada-nagar-a', 'Dada Nagar block A', p.dadaNagar],
    ['industrial-dada-nagar-b', 'Dada Nagar block B', p.dadaNagar],
    ['industrial-fazalganj-mills', 'Fazalganj mills', p.fazalganj],
    ['industrial-jajmau-tanneries', 'Jajmau tanneries', p.jajmau],
    ['industrial-lal-bangla', 'Lal Bangla works', p.lalbangla],
    ['industrial-vijay-nagar', 'Vijay Nagar sheds', p.vijayNagar],
  ],
  bus: [
    ['bus-up78-1101-front', 'Bus UP78 1101 front', p.jhakarkati],
    ['bus-up78-1101-rear', 'Bus UP78 1101 rear', p.jhakarkati],
    ['bus-up78-2245-front', 'Bus UP78 2245 front', p.rawatpur],
    ['bus-up78-3390-front', 'Bus UP78 3390 front', p.ghantaghar],
    ['bus-up78-4412-front', 'Bus UP78 4412 front', p.iitGate],
    ['bus-up78-5520-front', 'Bus UP78 5520 front', p.barra],
    ['bus-up78-6610-front', 'Bus UP78 6610 front', p.chakeri],
    ['bus-up78-7701-front', 'Bus UP78 7701 front (H.265)', p.naubasta],
  ],
};

export const demoCameras: DemoCamera[] = Object.entries(byCategory).flatMap(([category, rows]) =>
  rows.map(([id, name, place]) => ({
    id,
    name,
    category: category as CameraCategory,
    place,
    ...(id === 'bus-up78-7701-front' ? { h265: true } : {}),
  })),
);
