// A deterministic, realistic Kanpur camera inventory as the city would hand it over: N cameras
// (5,000 by default) at the city's localities, in the CSV an installer imports, optionally with K
// bad rows of varied kinds whose line numbers are known. Tests and the bench use it to exercise
// the import, search and start-up at city scale; nothing here touches the store.
import type { CameraCategory } from '../../../../common/domain/camera.js';
import { csvLine } from '../setup/csv.js';
import { CAMERA_CSV_COLUMNS, type CameraCsvColumn } from '../setup/camera-import.js';

export interface CityInventoryOptions {
  /** Rows in the file, bad ones included (default 5,000). */
  count?: number;
  /** How many of those rows are bad, spread through the file (default 0). */
  bad?: number;
  seed?: number;
  /** host[:port] the RTSP URLs point at; paths are /<camera id>/main|sub as the simulator serves. */
  host?: string;
  eol?: '\r\n' | '\n';
  bom?: boolean;
}

export const badRowKinds = [
  'bad_category',
  'lat_out_of_range',
  'not_rtsp_url',
  'duplicate_id',
  'missing_name',
  'bad_id',
  'lat_not_a_number',
  'lon_out_of_range',
  'wrong_field_count',
  'bad_transport',
  'bad_sub_url',
  'url_credentials_conflict',
  'missing_id',
] as const;
export type BadRowKind = (typeof badRowKinds)[number];

export interface BadRow {
  line: number;
  /** The camera id the importer can report (absent when the row has none). */
  id?: string;
  kind: BadRowKind;
}

export interface CityInventory {
  csv: string;
  /** Data rows (header excluded). */
  rows: number;
  /** Ids of the good rows, in file order. */
  goodIds: string[];
  bad: BadRow[];
  badLines: number[];
}

type Row = Record<CameraCsvColumn, string>;

interface Locality {
  name: string;
  lat: number;
  lon: number;
  industrial?: boolean;
  depot?: boolean;
}

// Approximate centres; cameras scatter a few hundred metres around them.
const localities: Locality[] = [
  { name: 'Ghantaghar', lat: 26.4593, lon: 80.3497 },
  { name: 'Bada Chauraha', lat: 26.4669, lon: 80.3504 },
  { name: 'Mall Road', lat: 26.4721, lon: 80.3521 },
  { name: 'Parade', lat: 26.4708, lon: 80.3462 },
  { name: 'Naveen Market', lat: 26.4727, lon: 80.3413 },
  { name: 'Swaroop Nagar', lat: 26.4862, lon: 80.3229 },
  { name: 'Kakadeo', lat: 26.4751, lon: 80.2993 },
  { name: 'Govind Nagar', lat: 26.4423, lon: 80.2921 },
  { name: 'Kidwai Nagar', lat: 26.4331, lon: 80.3238 },
  { name: 'Panki', lat: 26.4772, lon: 80.2498, industrial: true },
  { name: 'Dada Nagar', lat: 26.4473, lon: 80.2752, industrial: true },
  { name: 'Fazalganj', lat: 26.4578, lon: 80.3031, industrial: true },
  { name: 'Rawatpur', lat: 26.4903, lon: 80.3047, depot: true },
  { name: 'Kalyanpur', lat: 26.5101, lon: 80.2597 },
  { name: 'IIT Gate', lat: 26.5062, lon: 80.2318 },
  { name: 'Rambagh', lat: 26.4683, lon: 80.3331 },
  { name: 'Civil Lines', lat: 26.4792, lon: 80.3452 },
  { name: 'Jajmau', lat: 26.4331, lon: 80.4093, industrial: true },
  { name: 'Chakeri', lat: 26.4082, lon: 80.3988 },
  { name: 'Shyam Nagar', lat: 26.4262, lon: 80.3761 },
  { name: 'Barra', lat: 26.4183, lon: 80.2889 },
  { name: 'Naubasta', lat: 26.4031, lon: 80.3172 },
  { name: 'Vijay Nagar', lat: 26.4671, lon: 80.2819 },
  { name: 'Collectorganj', lat: 26.4632, lon: 80.3561 },
  { name: 'Jhakarkati', lat: 26.4461, lon: 80.3262, depot: true },
  { name: 'Rocket Tiraha', lat: 26.4392, lon: 80.3062 },
  { name: 'Lal Bangla', lat: 26.4412, lon: 80.3902 },
  { name: 'Gumti No. 5', lat: 26.4698, lon: 80.3171 },
  { name: 'Arya Nagar', lat: 26.479, lon: 80.33 },
  { name: 'Tilak Nagar', lat: 26.485, lon: 80.335 },
  { name: 'Azad Nagar', lat: 26.495, lon: 80.31 },
  { name: 'Nawabganj', lat: 26.504, lon: 80.325 },
  { name: 'Vishnupuri', lat: 26.5, lon: 80.317 },
  { name: 'Gwaltoli', lat: 26.487, lon: 80.342 },
  { name: 'Harsh Nagar', lat: 26.478, lon: 80.315 },
  { name: 'Shastri Nagar', lat: 26.488, lon: 80.297 },
  { name: 'Juhi', lat: 26.443, lon: 80.312 },
  { name: 'Yashoda Nagar', lat: 26.415, lon: 80.3 },
  { name: 'Saket Nagar', lat: 26.427, lon: 80.315 },
  { name: 'Ratan Lal Nagar', lat: 26.435, lon: 80.285 },
  { name: 'Armapur', lat: 26.472, lon: 80.268 },
  { name: 'Gurudev Chauraha', lat: 26.494, lon: 80.285 },
  { name: 'Vikas Nagar', lat: 26.487, lon: 80.278 },
  { name: 'Awas Vikas', lat: 26.52, lon: 80.265 },
  { name: 'Mandhana', lat: 26.538, lon: 80.272 },
  { name: 'Chunniganj', lat: 26.476, lon: 80.334, depot: true },
  { name: 'Moolganj', lat: 26.466, lon: 80.358 },
  { name: 'Beconganj', lat: 26.47, lon: 80.362 },
  { name: 'Colonelganj', lat: 26.476, lon: 80.356 },
  { name: 'Generalganj', lat: 26.466, lon: 80.345 },
  { name: 'Anwarganj', lat: 26.458, lon: 80.338 },
  { name: 'Harjinder Nagar', lat: 26.408, lon: 80.37 },
  { name: 'Ramadevi', lat: 26.418, lon: 80.356 },
  { name: 'Kanpur Central', lat: 26.4547, lon: 80.3507, depot: true },
  { name: 'Tatmil Chauraha', lat: 26.447, lon: 80.356 },
  { name: 'Rooma', lat: 26.38, lon: 80.415, industrial: true },
  { name: 'Damodar Nagar', lat: 26.406, lon: 80.33 },
  { name: 'Gujaini', lat: 26.418, lon: 80.278 },
  { name: 'Sarvodaya Nagar', lat: 26.4835, lon: 80.311 },
  { name: 'Nankari', lat: 26.515, lon: 80.242 },
  { name: 'Bhauti', lat: 26.397, lon: 80.247, industrial: true },
  { name: 'Cantonment', lat: 26.45, lon: 80.38 },
  { name: 'Sisamau', lat: 26.477, lon: 80.327 },
  { name: 'Ashok Nagar', lat: 26.479, lon: 80.338 },
  { name: 'Benajhabar', lat: 26.493, lon: 80.331 },
];

const banks = ['SBI', 'PNB', 'Bank of Baroda', 'Canara Bank', 'HDFC Bank', 'ICICI Bank', 'Axis Bank', 'Union Bank', 'Bank of India', 'Indian Bank', 'UCO Bank', 'Kotak Bank'];
const bankViews = ['entrance', 'cash counter', 'hall', 'vault door', 'parking'];
const marketViews = ['market gate', 'market lane', 'chowk', 'sabzi mandi', 'cloth market', 'main crossing', 'jewellers row'];
const hotels = ['Hotel Landmark', 'Hotel Regenta', 'Hotel Gaurav', 'Hotel Meghdoot', 'Hotel Swagat', 'Hotel Ganges', 'Hotel "Raj Palace"', 'Hotel Krishna', 'Shanti Guest House'];
const hotelViews = ['lobby', 'gate', 'parking', 'reception'];
const hospitals = ['LLR Hospital', 'Kanshiram Hospital', 'Regency Hospital', 'Madhulok Hospital', 'KPM Hospital', 'Rama Hospital', 'Nursing Home', 'CHC'];
const hospitalViews = ['emergency', 'OPD', 'gate', 'parking', 'ward corridor'];
const pumps = ['Indian Oil', 'HP', 'Bharat Petroleum', 'Nayara'];
const pumpViews = ['forecourt', 'cashier', 'entry'];
const industrialViews = ['gate 1', 'gate 2', 'gate 3', 'tannery row', 'warehouse road', 'boundary east', 'boundary west'];
const busViews = ['front', 'cabin', 'rear door'];
const usernames = ['admin', 'viewer', 'iccc', 'operator'];

// Shares of the city's 5,000 cameras by category (call-box cameras come with their boxes).
const categoryShares: [Exclude<CameraCategory, 'call_box'>, number][] = [
  ['atm', 22],
  ['bank', 15],
  ['market', 20],
  ['hotel', 8],
  ['hospital', 8],
  ['petrol_pump', 10],
  ['industrial', 9],
  ['bus', 8],
];

/** mulberry32: small, fast and the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const slug = (text: string): string =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The good camera rows, before any bad ones are mixed in. */
function cityRows(count: number, seed: number, host: string): Row[] {
  const random = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const totalShare = categoryShares.reduce((s, [, share]) => s + share, 0);
  const chooseCategory = (): Exclude<CameraCategory, 'call_box'> => {
    let r = random() * totalShare;
    for (const [category, share] of categoryShares) {
      r -= share;
      if (r < 0) return category;
    }
    return 'market';
  };
  const industrial = localities.filter((l) => l.industrial);
  const depots = localities.filter((l) => l.depot);
  const seen = new Map<string, number>();
  const rows: Row[] = [];
  const hostname = host.replace(/:\d+$/, '');
  for (let i = 0; i < count; i++) {
    const category = chooseCategory();
    let place = pick(localities);
    let base: string;
    switch (category) {
      case 'atm':
        base = `${pick(banks)} ATM ${place.name}`;
        break;
      case 'bank':
        base = `${pick(banks)} ${place.name} ${pick(bankViews)}`;
        break;
      case 'market':
        base = `${place.name} ${pick(marketViews)}`;
        break;
      case 'hotel':
        // Some hotels come with a comma in the name, as spreadsheets hold them.
        base = random() < 0.3 ? `${pick(hotels)}, ${place.name} ${pick(hotelViews)}` : `${pick(hotels)} ${place.name} ${pick(hotelViews)}`;
        break;
      case 'hospital':
        base = `${pick(hospitals)} ${place.name} ${pick(hospitalViews)}`;
        break;
      case 'petrol_pump':
        base = `${pick(pumps)} pump ${place.name} ${pick(pumpViews)}`;
        break;
      case 'industrial':
        place = pick(industrial);
        base = `${place.name} industrial ${pick(industrialViews)}`;
        break;
      case 'bus':
        place = pick(depots);
        base = `UPSRTC bus UP78 ${String(1000 + Math.floor(random() * 9000))} ${pick(busViews)}`;
        break;
    }
    // Numbered by the slug, so "Hotel Ganges, Parade lobby" and "Hotel Ganges Parade lobby" differ.
    const key = `${category.replace('_', '-')}-${slug(base)}`.slice(0, 56).replace(/-$/, '');
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const name = `${base} ${n}`;
    const id = `${key}-${n}`;
    // Up to ~600 m from the locality's centre, inside the city's box.
    const lat = clamp(place.lat + (random() - 0.5) * 0.011, 26.35, 26.55);
    const lon = clamp(place.lon + (random() - 0.5) * 0.012, 80.2, 80.45);
    const withCredentials = random() < 0.9;
    const password = `${pick(['Knp', 'Iccc', 'Cam', 'Sec'])}@${Math.floor(random() * 0xffff)
      .toString(16)
      .padStart(4, '0')}${pick(['#', ',', '"', '!', ''])}${Math.floor(random() * 100)}`;
    rows.push({
      id,
      name,
      place: place.name,
      category,
      lat: lat.toFixed(6),
      lon: lon.toFixed(6),
      main_url: `rtsp://${host}/${id}/main`,
      sub_url: random() < 0.92 ? `rtsp://${host}/${id}/sub` : '',
      username: withCredentials ? pick(usernames) : '',
      password: withCredentials ? password : '',
      onvif_url: random() < 0.3 ? `http://${hostname}:8080/onvif/${id}/device_service` : '',
      transport: random() < 0.05 ? 'udp' : 'tcp',
      allow_basic_auth: '',
    });
  }
  return rows;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Turns a good row bad in the way `kind` names; `earlier` is a good row before it in the file. */
function spoil(row: Row, kind: BadRowKind, earlier: Row): { row: Row | string[]; id?: string } {
  switch (kind) {
    case 'bad_category':
      return { row: { ...row, category: 'temple' }, id: row.id };
    case 'lat_out_of_range':
      return { row: { ...row, lat: '126.45' }, id: row.id };
    case 'not_rtsp_url':
      return { row: { ...row, main_url: `http://${row.main_url.slice('rtsp://'.length)}` }, id: row.id };
    case 'duplicate_id':
      return { row: { ...row, id: earlier.id }, id: earlier.id };
    case 'missing_name':
      return { row: { ...row, name: '' }, id: row.id };
    case 'bad_id':
      return { row: { ...row, id: `ATM ${row.id.toUpperCase()}` } };
    case 'lat_not_a_number':
      return { row: { ...row, lat: 'twenty-six' }, id: row.id };
    case 'lon_out_of_range':
      return { row: { ...row, lon: '-200' }, id: row.id };
    case 'wrong_field_count':
      return { row: CAMERA_CSV_COLUMNS.map((c) => row[c]).slice(0, 7), id: row.id };
    case 'bad_transport':
      return { row: { ...row, transport: 'quic' }, id: row.id };
    case 'bad_sub_url':
      return { row: { ...row, sub_url: 'ftp://10.0.0.1/sub' }, id: row.id };
    case 'url_credentials_conflict':
      // The URL's password and the password column disagree: which is right cannot be guessed.
      return { row: { ...row, username: 'admin', password: 'Cam@1234', main_url: row.main_url.replace('rtsp://', 'rtsp://admin:admin123@') }, id: row.id };
    case 'missing_id':
      return { row: { ...row, id: '' } };
  }
}

export function generateCityInventory(options: CityInventoryOptions = {}): CityInventory {
  const count = options.count ?? 5000;
  const badCount = options.bad ?? 0;
  if (badCount > count / 2) throw new Error('at most half the rows can be bad');
  const eol = options.eol ?? '\r\n';
  const rows = cityRows(count, options.seed ?? 20240501, options.host ?? '127.0.0.1:8554');
  // Bad rows spread evenly, never on the first row, so every duplicate has a good row before it.
  const badAt = new Map<number, BadRowKind>();
  for (let k = 0; k < badCount; k++) {
    badAt.set(1 + Math.floor(((k + 0.5) * (count - 1)) / badCount), badRowKinds[k % badRowKinds.length]!);
  }
  const lines = [csvLine(CAMERA_CSV_COLUMNS)];
  let line = 2;
  const bad: BadRow[] = [];
  const goodIds: string[] = [];
  let lastGood = rows[0]!;
  rows.forEach((row, index) => {
    const kind = badAt.get(index);
    let text: string;
    if (kind) {
      const spoilt = spoil(row, kind, lastGood);
      const values = Array.isArray(spoilt.row) ? spoilt.row : CAMERA_CSV_COLUMNS.map((c) => (spoilt.row as Row)[c]);
      text = csvLine(values);
      bad.push({ line, kind, ...(spoilt.id !== undefined ? { id: spoilt.id } : {}) });
    } else {
      text = csvLine(CAMERA_CSV_COLUMNS.map((c) => row[c]));
      goodIds.push(row.id);
      lastGood = row;
    }
    lines.push(text);
    line += 1 + (text.match(/\r\n|\n|\r/g)?.length ?? 0);
  });
  const csv = `${options.bom ? '\uFEFF' : ''}${lines.join(eol)}${eol}`;
  return { csv, rows: count, goodIds, bad, badLines: bad.map((b) => b.line) };
}
