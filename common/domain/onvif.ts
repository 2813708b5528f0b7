import { z } from 'zod';

/** A device that answered a WS-Discovery probe as an ONVIF video transmitter. */
export const OnvifDevice = z.object({
  /** Its WS-Discovery endpoint reference (usually urn:uuid:…): stable across address changes. */
  urn: z.string().max(300),
  /** The host of its device service (from XAddrs), else the address it answered from. */
  address: z.string().max(300),
  /** Device service URLs it announced (http://host[:port]/onvif/device_service). */
  xaddrs: z.array(z.string().max(500)).max(8),
  /** From its onvif://www.onvif.org/name|hardware|location/… scopes, when given. */
  name: z.string().max(200).optional(),
  hardware: z.string().max(200).optional(),
  location: z.string().max(200).optional(),
});
export type OnvifDevice = z.infer<typeof OnvifDevice>;

export const OnvifDeviceInfo = z.object({
  manufacturer: z.string().max(200).optional(),
  model: z.string().max(200).optional(),
  firmwareVersion: z.string().max(200).optional(),
  serialNumber: z.string().max(200).optional(),
});
export type OnvifDeviceInfo = z.infer<typeof OnvifDeviceInfo>;

/** One media profile and its RTSP URI (never with credentials in it). */
export const OnvifProfile = z.object({
  token: z.string().max(64),
  name: z.string().max(200),
  encoding: z.string().max(32).optional(),
  width: z.number().int().positive().max(16384).optional(),
  height: z.number().int().positive().max(16384).optional(),
  /** The encoder's configured limits (a probe measures what it really sends). */
  fps: z.number().positive().max(1000).optional(),
  bitrateKbps: z.number().positive().optional(),
  /** GOP length in frames, when the encoder configuration states it. */
  govLength: z.number().int().positive().optional(),
  streamUri: z.string().max(2000).optional(),
  /** Why this profile has no stream URI. */
  error: z.string().max(300).optional(),
});
export type OnvifProfile = z.infer<typeof OnvifProfile>;

export const OnvifProfiles = z.object({ device: OnvifDeviceInfo, profiles: z.array(OnvifProfile).max(32) });
export type OnvifProfiles = z.infer<typeof OnvifProfiles>;
