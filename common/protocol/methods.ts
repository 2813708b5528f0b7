// Requests the renderer may send, with their params and results. mediasoup's own parameter
// objects (capabilities, DTLS, RTP parameters) are checked for shape here and in depth by mediasoup.
import { z } from 'zod';
import { Alert, AlertId, AlertKind, BoxId, CallBoxSummary, Outcome } from '../domain/alert.js';
import { AuditEntry } from '../domain/audit.js';
import { CameraCategory, CameraId, CameraSummary, StreamKind } from '../domain/camera.js';
import { OnvifDevice, OnvifProfiles } from '../domain/onvif.js';
import { Password, UserSummary, Username } from '../domain/user.js';
import { DisplayId, DisplayView, PresetName, TourDwellS, WallControl, WallDefinition, WallDefinitionInput, WallDisplayRef, WallId, WallLayout, WallPreset, WallSpans, WallSummary, WallTour } from '../domain/wall.js';

const MediasoupObject = z.record(z.string(), z.unknown());
const TransportId = z.string().uuid();
const WatchId = z.string().min(1).max(64);
const TransportParams = z.object({
  id: TransportId,
  iceParameters: MediasoupObject,
  iceCandidates: z.array(MediasoupObject),
  dtlsParameters: MediasoupObject,
});
const LoginToken = z.string().min(32).max(200);
/** A box as an installer sees it: whether it has a key, and whether that key was revoked. */
const SetupBox = CallBoxSummary.omit({ online: true }).extend({ hasKey: z.boolean(), revokedAt: z.number().int().optional() });
const SetupDisplayKey = WallDisplayRef.extend({ hasKey: z.boolean(), revokedAt: z.number().int().optional() });
const AlertRef = z.object({ alertId: AlertId });
const AlertResult = z.object({ alert: Alert });
const WallRef = z.object({ wallId: WallId });
/** A client-made key that makes a write idempotent: the engine applies a key once and answers repeats with the current state. */
const RequestKey = z.string().uuid();
/** A SHA-256 digest in base64url (43 characters), as the user store keeps login tokens. */
const Sha256Text = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const Note = z.string().trim().max(2000).default('');
const AcknowledgeParams = z.object({ alertId: AlertId, note: Note, requestKey: RequestKey.optional() });
const CloseParams = z.object({ alertId: AlertId, outcome: Outcome, note: Note, requestKey: RequestKey.optional() });
const PresetRef = z.object({ wallId: WallId, name: PresetName });

export const methods = {
  'cameras.search': {
    params: z.object({
      text: z.string().max(200).default(''),
      category: CameraCategory.optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    result: z.object({ cameras: z.array(CameraSummary), total: z.number().int() }),
  },
  /** Summaries for known ids (a wall knows its tiles' camera ids, and shows their names). */
  'cameras.get': {
    params: z.object({ ids: z.array(CameraId).max(64) }),
    result: z.object({ cameras: z.array(CameraSummary) }),
  },
  'media.routerCapabilities': {
    params: z.object({}).default({}),
    result: z.object({ rtpCapabilities: MediasoupObject }),
  },
  'media.createRecvTransport': {
    params: z.object({}).default({}),
    result: TransportParams,
  },
  'media.connectTransport': {
    params: z.object({ transportId: TransportId, dtlsParameters: MediasoupObject }),
    result: z.object({}),
  },
  /** Start watching a camera stream: the engine pulls it on demand and pushes watch.* events. */
  'watch.start': {
    params: z.object({
      transportId: TransportId,
      cameraId: CameraId,
      stream: StreamKind,
      rtpCapabilities: MediasoupObject,
    }),
    result: z.object({ watchId: WatchId }),
  },
  /** The client's consumer exists and its track is attached: start sending media. */
  'watch.resume': { params: z.object({ watchId: WatchId }), result: z.object({}) },
  /** Tile hidden: keep the pull, stop forwarding to this viewer. */
  'watch.pause': { params: z.object({ watchId: WatchId }), result: z.object({}) },
  'watch.stop': { params: z.object({ watchId: WatchId }), result: z.object({}) },
  /** What a wall display shows now; the engine pushes wall.layout when it changes. */
  'wall.get': { params: WallDisplayRef, result: WallLayout },
  'wall.set': { params: WallLayout, result: z.object({}) },
  /**
   * One tile of one display (a camera dropped on the console's wall map); null empties it. On a
   * display a span covers, the span's camera changes instead (null takes the span off).
   */
  'wall.setTile': {
    params: WallDisplayRef.extend({ index: z.number().int().min(0).max(15), cameraId: CameraId.nullable() }),
    result: z.object({}),
  },
  // ── Whole walls. Changes by others are refused with Conflict while someone holds the
  // wall's control lease; every change is audited under who made it.
  /** Every defined wall with its spans, who controls it and its tour. */
  'walls.list': { params: z.object({}).default({}), result: z.object({ walls: z.array(WallSummary) }) },
  /** What one display shows: its grid, or its part of a camera spanning displays (with the crop). */
  'wall.view': { params: WallDisplayRef, result: DisplayView },
  /** Cameras spanning displays, in display units; replaces the wall's spans (an empty list clears them). */
  'wall.setSpans': { params: WallSpans, result: z.object({}) },
  'wall.listPresets': { params: WallRef, result: z.object({ presets: z.array(WallPreset) }) },
  /** Every display's layout and the spans as they are now, under a name (replaces one of that name). */
  'wall.savePreset': { params: PresetRef, result: z.object({ preset: WallPreset }) },
  /** All displays at once; cameras removed since the preset was saved are left blank and listed. */
  'wall.recallPreset': { params: PresetRef, result: z.object({ missingCameras: z.array(CameraId) }) },
  'wall.deletePreset': { params: PresetRef, result: z.object({}) },
  /** Cycles presets, or cameras on one display (the wall's first unless given); one tour per wall. */
  'wall.startTour': {
    params: z
      .object({
        wallId: WallId,
        presetNames: z.array(PresetName).min(1).max(50).optional(),
        cameraIds: z.array(CameraId).min(1).max(100).optional(),
        displayId: DisplayId.optional(),
        dwellS: TourDwellS,
      })
      .refine((p) => (p.presetNames === undefined) !== (p.cameraIds === undefined), { message: 'give presetNames or cameraIds, not both' }),
    result: z.object({ tour: WallTour }),
  },
  'wall.stopTour': { params: WallRef, result: z.object({}) },
  /** Takes the wall's lease, or renews it for its holder; Conflict naming the holder otherwise. */
  'wall.takeControl': { params: WallRef, result: z.object({ control: WallControl }) },
  'wall.releaseControl': { params: WallRef, result: z.object({ control: WallControl }) },

  // ── Logins. A console's socket opens with the site token (a display); a person logs in on it,
  // and the engine checks that user's role on every method from then on. The token a login returns
  // lets the same page log back in after a reconnect without asking for the password again.
  'session.login': {
    params: z.object({ username: z.string().max(100), password: z.string().max(256) }),
    result: z.object({ user: UserSummary, token: LoginToken, expiresAt: z.number().int() }),
  },
  'session.resume': { params: z.object({ token: LoginToken }), result: z.object({ user: UserSummary }) },
  'session.logout': { params: z.object({}).default({}), result: z.object({}) },
  /** A supervisor lifts the failed-login locks on a name (from every address); `cleared` says how many were on. */
  'session.clearLoginLock': { params: z.object({ username: z.string().min(1).max(100) }), result: z.object({ cleared: z.number().int().nonnegative() }) },
  // ── Site setup (installers). A box's key is in the answer to its registration and nowhere else.
  'setup.listBoxes': { params: z.object({}).default({}), result: z.object({ boxes: z.array(SetupBox) }) },
  'setup.registerBox': {
    params: CallBoxSummary.omit({ online: true }),
    result: z.object({ box: SetupBox, key: z.string() }),
  },
  'setup.revokeBox': { params: z.object({ boxId: BoxId }), result: z.object({ box: SetupBox }) },
  /** Each wall display's key state (displays never issued a key are not listed). */
  'setup.listDisplayKeys': { params: z.object({}).default({}), result: z.object({ displays: z.array(SetupDisplayKey) }) },
  /** A fresh key for one display of a defined wall, replacing its old one; the answer is the only time it is seen. */
  'setup.issueDisplayKey': { params: WallDisplayRef, result: z.object({ display: SetupDisplayKey, key: z.string() }) },
  /** The display may no longer connect, and its open sockets close. */
  'setup.revokeDisplayKey': { params: WallDisplayRef, result: z.object({ display: SetupDisplayKey }) },
  'setup.listUsers': { params: z.object({}).default({}), result: z.object({ users: z.array(UserSummary) }) },
  /** Creates a user or replaces one's name, role and password (a forgotten password is reset so). */
  'setup.saveUser': {
    params: UserSummary.extend({ password: Password }),
    result: z.object({ user: UserSummary }),
  },
  'setup.disableUser': { params: z.object({ username: Username }), result: z.object({}) },
  /** Defines or redefines a wall: its grid of displays, their size and bezel. */
  'setup.saveWall': { params: WallDefinitionInput, result: z.object({ wall: WallDefinition }) },
  /** Probes cameras in the background, one job per engine; results arrive as setup.probeProgress events. */
  'setup.probeCameras': {
    params: z.object({ cameraIds: z.array(CameraId).min(1).max(500), stream: StreamKind.default('main') }),
    result: z.object({ jobId: z.string().uuid() }),
  },
  /** WS-Discovery for ONVIF video devices on the engine's own network segment. */
  'setup.discoverOnvif': {
    params: z.object({ timeoutMs: z.number().int().min(500).max(15_000).default(3000) }).default({}),
    result: z.object({ devices: z.array(OnvifDevice) }),
  },
  /** One device's media profiles and RTSP URIs. The credentials serve this request only: never logged or kept. */
  'setup.onvifProfiles': {
    params: z.object({
      address: z.string().trim().min(1).max(300),
      username: z.string().max(100).default(''),
      password: z.string().max(200).default(''),
    }),
    result: OnvifProfiles,
  },
  'boxes.list': { params: z.object({}).default({}), result: z.object({ boxes: z.array(CallBoxSummary) }) },
  /** Open alerts in queue order, then up to `closed` recently closed ones. */
  'alerts.list': {
    params: z.object({ closed: z.number().int().min(0).max(200).default(0) }).default({}),
    result: z.object({ alerts: z.array(Alert) }),
  },
  /** Atomic claim: exactly one operator gets it; the others get Conflict naming who did. */
  'alert.answer': { params: AlertRef, result: AlertResult },
  'alert.hold': { params: AlertRef, result: AlertResult },
  'alert.resume': { params: AlertRef, result: AlertResult },
  'alert.hangup': { params: AlertRef, result: AlertResult },
  /** Ring a box back after its call dropped. */
  'alert.callback': { params: AlertRef, result: AlertResult },
  /** Seen and being dealt with; allowed in every state but closed. Idempotent by requestKey. */
  'alert.acknowledge': { params: AcknowledgeParams, result: AlertResult },
  /** Idempotent by requestKey: a retried close (a workstation's outbox) applies once. */
  'alert.close': { params: CloseParams, result: AlertResult },
  'audit.list': {
    params: z.object({ limit: z.number().int().min(1).max(1000).default(200), target: z.string().max(200).optional() }).default({}),
    result: z.object({ entries: z.array(AuditEntry) }),
  },

  // ── Call-box kiosk (a box session: authenticated by the box's own credential).
  /** Idempotent by pressId: a press retried after a network drop raises one alert, not two. */
  'box.press': {
    params: z.object({
      kind: AlertKind,
      pressId: z.string().uuid(),
      /** If given, must be the session's own box. */
      boxId: BoxId.optional(),
      /** Kiosk clock when the button was pressed (informational: the queue runs on engine time). */
      pressedAt: z.number().int().nonnegative().optional(),
    }),
    result: AlertResult,
  },
  'box.status': {
    params: z.object({}).default({}),
    result: z.object({ box: CallBoxSummary, alert: Alert.optional() }),
  },

  // ── Two-way call media (consoles and kiosks). The engine links the two sides while a call is
  // answered and pushes call.consumer events; on hold it pauses them, on hang-up closes them.
  'call.createTransports': {
    params: z.object({ rtpCapabilities: MediasoupObject }),
    result: z.object({ send: TransportParams, recv: TransportParams }),
  },
  'call.connectTransport': {
    params: z.object({ transportId: TransportId, dtlsParameters: MediasoupObject }),
    result: z.object({}),
  },
  'call.produce': {
    params: z.object({ transportId: TransportId, kind: z.enum(['audio', 'video']), rtpParameters: MediasoupObject }),
    result: z.object({ producerId: z.string() }),
  },
  'call.resumeConsumer': { params: z.object({ consumerId: z.string().uuid() }), result: z.object({}) },

  // ── A workstation's engine (authenticated by its own key) delivering its outbox: what its
  // operators did while the site was unreachable, applied as that operator, once per requestKey.
  'sync.deliver': {
    params: z.object({
      requestKey: RequestKey,
      username: Username,
      /** Workstation time the operator did it (informational, audited with the delivery). */
      at: z.number().int().nonnegative(),
      action: z.discriminatedUnion('method', [
        z.object({ method: z.literal('alert.acknowledge'), params: AcknowledgeParams.omit({ requestKey: true }) }),
        z.object({ method: z.literal('alert.close'), params: CloseParams.omit({ requestKey: true }) }),
        /**
         * A login the workstation granted from its copy of the users: the site opens the same login
         * (the token's hash) so the page stays logged in when it goes back to the site. The proof,
         * an HMAC-SHA256 of the user, token hash and expiry under a key only the typed password
         * makes, shows the password was typed and is still the site's. Strict: the old digest of
         * the password hash is refused.
         */
        z.object({
          method: z.literal('session.carry'),
          params: z.object({ tokenHash: Sha256Text, proof: Sha256Text, expiresAt: z.number().int().nonnegative() }).strict(),
        }),
      ]),
    }),
    /** The alert as the site now has it; none for a carried login. */
    result: z.object({ alert: Alert.optional() }),
  },
} as const;

export type MethodName = keyof typeof methods;
export type MethodParams<M extends MethodName> = z.input<(typeof methods)[M]['params']>;
export type ParsedParams<M extends MethodName> = z.output<(typeof methods)[M]['params']>;
export type MethodResult<M extends MethodName> = z.infer<(typeof methods)[M]['result']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
