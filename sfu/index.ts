// The media plane's one entry point: callers see this surface, not the insides.
export { Sfu, type SfuOptions } from './node/sfu.js';
export type { Viewer, ViewerEvents, WatchState } from './node/viewer.js';
export type { CameraEndpoint } from './node/camera-source.js';
export type { CallPeer, CallPeerEvents } from './node/call-peer.js';
export { CallLink } from './node/call-link.js';
export { probeStream, DEFAULT_PROBE_TIMEOUT_MS, type StreamProbeOptions } from './node/probe/stream-probe.js';
