// The installer's one HTTP route (inventories are megabytes; everything else goes over the
// WebSocket): POST the CSV to CAMERA_IMPORT_PATH[?dryRun=1] with `Authorization: Bearer <login
// token>`. It answers 200 with a CameraImportReport, or an error status with a WireError.
import { z } from 'zod';

export const CAMERA_IMPORT_PATH = '/api/setup/cameras.csv';

/** The inventory's columns, in the order the page writes them (the engine takes any order). */
export const CAMERA_CSV_COLUMNS = ['id', 'name', 'place', 'category', 'lat', 'lon', 'main_url', 'sub_url', 'username', 'password', 'onvif_url', 'transport', 'allow_basic_auth'] as const;
export type CameraCsvColumn = (typeof CAMERA_CSV_COLUMNS)[number];

/** One row the import left out, with the line a spreadsheet shows and why. */
export const ImportRowError = z.object({
  line: z.number().int().positive(),
  id: z.string().optional(),
  reason: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

/** rows = inserted + updated + unchanged + errors.length; a dry run's counts say what would happen. */
export const CameraImportReport = z.object({
  dryRun: z.boolean(),
  rows: z.number().int().nonnegative(),
  inserted: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative(),
  unchanged: z.number().int().nonnegative(),
  errors: z.array(ImportRowError),
});
export type CameraImportReport = z.infer<typeof CameraImportReport>;
