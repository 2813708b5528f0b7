// The demo site's emergency call boxes, at junctions the city named for its pilot, each with its
// own camera. Their kiosk keys, and the keys of the demo wall's displays, derive from a
// per-installation secret, so the demo's kiosk and wall URLs stay the same across restarts without
// any key being written down in the repository.
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { CallBoxRecord } from '../store/box-repo.js';

type Row = [slug: string, name: string, place: string, lat: number, lon: number];

// Approximate coordinates: near enough for the map and the nearest-camera layout, not surveyed.
const rows: Row[] = [
  ['ghantaghar', 'Ghantaghar Square', 'Ghantaghar, near Kanpur Central', 26.4596, 80.3492],
  ['gaushala', 'Gaushala Crossing', 'Gaushala, Collectorganj', 26.4617, 80.3551],
  ['bagiya', 'Bagiya Crossing', 'Bagiya, Harbans Mohal', 26.4572, 80.3588],
  ['iit-gate', 'IIT Gate', 'Kalyanpur, GT Road', 26.5123, 80.2329],
  ['rocket-tiraha', 'Rocket Tiraha', 'Kidwai Nagar west', 26.4387, 80.3069],
  ['bekarganj', 'Bekarganj Crossing', 'Bekanganj', 26.4741, 80.3392],
  ['lenin-park', 'Lenin Park', 'Chaman Ganj', 26.4763, 80.3441],
  ['rambagh', 'Rambagh Crossing', 'Rambagh', 26.4681, 80.3327],
  ['ashok-nagar', 'Ashok Nagar Crossing', 'Ashok Nagar', 26.4811, 80.3316],
  ['swaroop-nagar', 'Swaroop Nagar Crossing', 'Swaroop Nagar', 26.4858, 80.3236],
  ['sales-tax', 'Sales Tax Square', 'Sarvodaya Nagar', 26.4849, 80.3117],
  ['mainavati-marg', 'Mainavati Marg', 'Kalyanpur', 26.5031, 80.2851],
  ['silvertown', 'Silvertown', 'Sisamau', 26.4495, 80.3403],
  ['mg-college', 'MG College Crossing', 'Civil Lines', 26.4806, 80.3489],
  ['ima-tiraha', 'IMA Tiraha', 'Parade, Mall Road', 26.4731, 80.3514],
  ['pashupati-nagar', 'Pashupati Nagar', 'Naubasta side', 26.4169, 80.3258],
  ['keshav-nagar', 'Keshav Nagar', 'Fazalganj side', 26.4446, 80.2906],
  ['military-camp', 'Military Camp', 'Cantonment', 26.4421, 80.3799],
  ['khova-mandi', 'Khova Mandi', 'Naya Ganj', 26.4659, 80.3591],
  ['dbs-tiraha', 'DBS Tiraha', 'Govind Nagar', 26.4439, 80.2991],
  ['nandlal-square', 'Nandlal Square', 'Kidwai Nagar', 26.4286, 80.3204],
  ['cti-tiraha', 'CTI Tiraha', 'Govind Nagar south', 26.4291, 80.2861],
  ['janta-nagar', 'Janta Nagar', 'Barra side', 26.4211, 80.3051],
  ['four-pillar', 'Four Pillar Square', 'Kidwai Nagar', 26.4379, 80.3181],
  ['mig-tiraha', 'MIG Tiraha', 'Barra', 26.4151, 80.2931],
  ['salt-factory', 'Salt Factory Square', 'Vijay Nagar', 26.4709, 80.2869],
  ['vijay-nagar-fruit', 'Vijay Nagar Fruit Market', 'Vijay Nagar', 26.4673, 80.2813],
  ['shastri-nagar-galla', 'Shastri Nagar Galla Mandi', 'Shastri Nagar', 26.4791, 80.3071],
  ['neerjheer', 'Neerjheer Crossing', 'Gumti side', 26.4561, 80.3149],
  ['pandu-nagar', 'Pandu Nagar Square', 'Pandu Nagar', 26.4779, 80.3101],
];

/** Each box's own camera: `box-<slug>-cam`, served by the demo simulator like any other camera. */
export const demoBoxes: (CallBoxRecord & { cameraId: string })[] = rows.map(([slug, name, place, lat, lon]) => ({
  id: `box-${slug}`,
  name,
  place,
  lat,
  lon,
  cameraId: `box-${slug}-cam`,
}));

const SECRET_BYTES = 32;

/** This installation's demo secret: 32 random bytes in `<dataDir>/demo-secret`, made on first use. */
export function loadDemoSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, 'demo-secret');
  fs.mkdirSync(dataDir, { recursive: true });
  try {
    // 'wx' fails if the file exists, so two engines starting at once never overwrite each other's.
    fs.writeFileSync(file, randomBytes(SECRET_BYTES), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = fs.readFileSync(file);
  if (secret.length !== SECRET_BYTES) throw new Error(`${file} is not a ${SECRET_BYTES}-byte demo secret; delete it to make a new one`);
  return secret;
}

/** The demo kiosk key of one box: the same for the same secret, so kiosk URLs survive restarts. */
export function demoBoxKey(secret: Buffer, boxId: string): string {
  return createHmac('sha256', secret).update(`jharokha demo box key\0${boxId}`).digest('base64url');
}

/** The demo key of one wall display, derived like the kiosk keys, so wall URLs survive restarts too. */
export function demoDisplayKey(secret: Buffer, wallId: string, displayId: string): string {
  return createHmac('sha256', secret).update(`jharokha demo display key\0${wallId}/${displayId}`).digest('base64url');
}
