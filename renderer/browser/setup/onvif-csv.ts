// "Copy as CSV row" for a camera found by ONVIF: its stream URIs in the inventory's columns, for
// the installer to paste into the CSV and complete (category, position, the camera's credentials:
// those are never written here, the page does not keep them).
import type { OnvifDevice, OnvifDeviceInfo, OnvifProfile } from '../../../common/domain/onvif.js';
import { CAMERA_CSV_COLUMNS, type CameraCsvColumn } from '../../../common/protocol/setup-http.js';

/** RFC 4180: quote a field holding a comma, a quote or a line break, doubling the quotes. */
export function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvLine(values: readonly string[]): string {
  return values.map(csvField).join(',');
}

/** A camera id from a name: lower-case letters, digits and dashes, at most 64. */
export function slugId(text: string, fallback = 'camera'): string {
  const slug = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug || fallback;
}

/** The device service URL to record: the one it announced, else the usual path on the address typed. */
export function onvifServiceUrl(address: string, xaddrs: readonly string[] = []): string {
  const announced = xaddrs.find((x) => /^http:\/\//i.test(x));
  if (announced) return announced;
  return /^http:\/\//i.test(address) ? address : `http://${address}/onvif/device_service`;
}

export interface OnvifRowInput {
  /** What the installer looked up: a discovered device or an address typed in. */
  address: string;
  device?: Pick<OnvifDevice, 'name' | 'hardware' | 'location' | 'xaddrs'>;
  info?: OnvifDeviceInfo;
  main?: OnvifProfile;
  sub?: OnvifProfile;
}

/** The header line and one row; category, lat and lon are left for the installer. */
export function onvifCsvRow(input: OnvifRowInput): string {
  const { device, info } = input;
  const name = device?.name ?? ([info?.manufacturer, info?.model].filter(Boolean).join(' ') || input.address);
  const row: Record<CameraCsvColumn, string> = {
    id: slugId(name),
    name,
    place: device?.location ?? '',
    category: '',
    lat: '',
    lon: '',
    main_url: input.main?.streamUri ?? '',
    sub_url: input.sub && input.sub.token !== input.main?.token ? (input.sub.streamUri ?? '') : '',
    username: '',
    password: '',
    onvif_url: onvifServiceUrl(input.address, device?.xaddrs),
    transport: 'tcp',
    allow_basic_auth: '',
  };
  return `${CAMERA_CSV_COLUMNS.join(',')}\n${csvLine(CAMERA_CSV_COLUMNS.map((column) => row[column]))}\n`;
}
