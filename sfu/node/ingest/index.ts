// The camera ingest's surface: one camera stream pulled and normalised for a mediasoup producer.
export { CameraIngest, type CameraIngestOptions, type CameraIngestEvents, type CameraIngestStats } from './camera-ingest.js';
