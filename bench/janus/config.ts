// Janus's configuration for the side-by-side run, written to a temporary folder (janus -F): HTTP
// API on loopback only, only the streaming plugin and the HTTP transport loaded, no STUN/TURN,
// quiet logging, and one RTSP mountpoint pulling the simulator's camera (Janus's own RTSP client,
// so Janus does the ingest and the forwarding in one process, like our engine + worker).
import fs from 'node:fs';
import path from 'node:path';

export const janusLibDir = process.env.JANUS_LIB_DIR ?? '/usr/lib/x86_64-linux-gnu/janus';

export interface JanusConfigOptions {
  dir: string;
  httpPort: number;
  /** A mountpoint in the config pulling this camera (none: mountpoints are made over the API). */
  rtspUrl?: string;
  mountpointId: number;
  rtpPortRange: [number, number];
  /** Gather ICE candidates on these interfaces only (`lo`: receivers that talk to loopback alone). */
  iceEnforceList?: string;
}

function othersIn(folder: string, keep: string): string {
  try {
    return fs
      .readdirSync(path.join(janusLibDir, folder))
      .filter((f) => f.endsWith('.so') && f !== keep)
      .join(',');
  } catch {
    return '';
  }
}

/** An RTSP mountpoint's settings, the same in the config file and in a `create` over the API. */
export function rtspMountpointSettings(url: string): Record<string, string | number | boolean> {
  return {
    audio: false,
    video: true,
    url,
    rtsp_failcheck: true,
    rtsp_reconnect_delay: 30,
    rtsp_session_timeout: 0,
    rtsp_timeout: 10,
    rtsp_conn_timeout: 5,
    rtspiface: '127.0.0.1',
  };
}

const jcfgFields = (fields: Record<string, string | number | boolean>): string =>
  Object.entries(fields)
    .map(([k, v]) => `  ${k} = ${JSON.stringify(v)}`)
    .join('\n');

export function writeJanusConfig(o: JanusConfigOptions): void {
  const files: Record<string, string> = {
    'janus.jcfg': `general: {
  configs_folder = "${o.dir}"
  plugins_folder = "${janusLibDir}/plugins"
  transports_folder = "${janusLibDir}/transports"
  events_folder = "${janusLibDir}/events"
  loggers_folder = "${janusLibDir}/loggers"
  debug_level = ${process.env.BENCH_JANUS_DEBUG ?? 2}
  log_to_stdout = true
  session_timeout = 120
  server_name = "jharokha-bench"
}
media: {
  rtp_port_range = "${o.rtpPortRange[0]}-${o.rtpPortRange[1]}"
}
nat: {
  nice_debug = false
  ice_lite = false
  ignore_mdns = true${o.iceEnforceList ? `\n  ice_enforce_list = "${o.iceEnforceList}"` : ''}
}
plugins: {
  disable = "${othersIn('plugins', 'libjanus_streaming.so')}"
}
transports: {
  disable = "${othersIn('transports', 'libjanus_http.so')}"
}
loggers: {
  disable = "${othersIn('loggers', '')}"
}
events: {
  broadcast = false
  disable = "${othersIn('events', '')}"
}
`,
    'janus.transport.http.jcfg': `general: {
  json = "plain"
  base_path = "/janus"
  http = true
  port = ${o.httpPort}
  ip = "127.0.0.1"
  https = false
}
admin: {
  admin_http = false
  admin_https = false
}
`,
    'janus.plugin.streaming.jcfg': `general: {
  string_ids = false
}
${o.rtspUrl === undefined ? '' : `bench: {\n${jcfgFields({ type: 'rtsp', id: o.mountpointId, description: 'jharokha bench camera', ...rtspMountpointSettings(o.rtspUrl) })}\n}\n`}`,
  };
  fs.mkdirSync(o.dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(o.dir, name), text);
}
