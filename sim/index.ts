// The camera simulator's public surface: a real RTSP server serving many simulated cameras.
export {
  CameraSimulator,
  type CameraSimulatorEvents,
  type CameraSimulatorOptions,
  type SimSessionInfo,
  type TeardownReason,
} from './node/rtsp-server.js';
export type { SimCameraConfig, SimCameraState } from './node/sim-camera.js';
export type { CameraAuth } from './node/rtsp-auth.js';
export type { StreamName } from './node/sim-session.js';
export { type Clip, loadClip } from './node/clip.js';
export { type AccessUnit, type VideoCodec, groupAccessUnits, splitNalUnits } from './node/annexb.js';
export { DEFAULT_MAX_PAYLOAD, OVERSIZED_MAX_PAYLOAD, packetizeAccessUnit, packetizeNal } from './node/rtp-packetizer.js';
export { digestResponse } from './node/rtsp-auth.js';
export { fromNtp } from './node/rtcp.js';
export { mediaPath, MEDIA_CLIPS } from './node/media.js';
export { ensureRealCameraClips, ensureRealClip, REAL_MAIN, REAL_SUB, realClipDir, type RealClipSpec } from './node/real-clips.js';
export {
  OnvifDeviceSimulator,
  type OnvifDeviceSimOptions,
  type OnvifRequestRecord,
  type SimOnvifProfile,
  type SimDeviceInfo,
} from './node/onvif/onvif-device.js';
export { WS_DISCOVERY_GROUP } from './node/onvif/discovery-responder.js';
