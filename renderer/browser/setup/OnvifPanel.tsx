// Section 3: ONVIF. Discover the cameras on the engine's network segment, then look one up with
// its user name and password to see its media profiles and RTSP URIs. The credentials go with that
// one request and are cleared from the page at once; the CSV row offered never contains them.
import { useState } from 'react';
import type { OnvifDevice, OnvifProfiles } from '../../../common/domain/onvif.js';
import type { EngineLink } from '../engine-client.js';
import { ActionButton } from './ActionButton.js';
import { CopyButton } from './CopyButton.js';
import { LabelledInput } from './LabelledInput.js';
import { onvifCsvRow } from './onvif-csv.js';
import { Problem } from './Problem.js';
import { SetupTable } from './SetupTable.js';
import { useAction } from './use-action.js';
import { useCopy } from './use-copy.js';

const DISCOVERY_MS = 3000;

interface Target {
  address: string;
  device?: OnvifDevice;
}

export function OnvifPanel({ link, ready }: { link: EngineLink; ready: boolean }) {
  const discovery = useAction();
  const lookup = useAction();
  const [devices, setDevices] = useState<OnvifDevice[] | null>(null);
  const [typedAddress, setTypedAddress] = useState('');
  const [target, setTarget] = useState<Target | null>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [found, setFound] = useState<{ target: Target; profiles: OnvifProfiles } | null>(null);
  const [mainToken, setMainToken] = useState('');
  const [subToken, setSubToken] = useState('');
  const copier = useCopy();

  const discover = async (): Promise<void> => {
    const result = await discovery.run(() => link.request('setup.discoverOnvif', { timeoutMs: DISCOVERY_MS }));
    if (result) setDevices(result.devices);
  };

  const choose = (next: Target): void => {
    setTarget(next);
    setFound(null);
    lookup.clearProblem();
  };

  const getProfiles = async (): Promise<void> => {
    if (!target) return;
    const credentials = { username, password };
    // Cleared before the request goes: the page keeps no camera credentials.
    setUsername('');
    setPassword('');
    const result = await lookup.run(() => link.request('setup.onvifProfiles', { address: target.address, ...credentials }));
    if (!result) return;
    const usable = result.profiles.filter((p) => p.streamUri);
    setFound({ target, profiles: result });
    setMainToken(usable[0]?.token ?? '');
    setSubToken(usable[1]?.token ?? '');
    copier.forget();
  };

  const profileByToken = (token: string) => found?.profiles.profiles.find((p) => p.token === token);
  const csv = found
    ? onvifCsvRow({ address: found.target.address, device: found.target.device, info: found.profiles.device, main: profileByToken(mainToken), sub: profileByToken(subToken) })
    : '';

  return (
    <div className="setup-panel-body">
      <div className="setup-buttons">
        <ActionButton action={discovery} ready={ready} label="Discover" busyLabel={`Listening for ${DISCOVERY_MS / 1000} s…`} testId="onvif-discover" onClick={() => void discover()} />
        <span className="setup-hint">Finds ONVIF cameras on the engine&apos;s own network segment.</span>
      </div>
      <Problem text={discovery.problem} testId="onvif-discover-problem" />
      {devices !== null ? (
        devices.length === 0 ? (
          <p className="setup-hint" data-testid="onvif-none">
            No ONVIF device answered. Cameras on another subnet do not hear discovery: type the address below.
          </p>
        ) : (
          <SetupTable testId="onvif-devices" columns={['Device', 'Address', 'Location']} buttonsColumn="Action">
            {devices.map((device) => (
              <tr key={device.urn} data-testid="onvif-device" data-address={device.address} aria-selected={target?.device?.urn === device.urn}>
                <td>
                  {device.name ?? 'Unnamed device'}
                  {device.hardware ? <span className="camera-place"> {device.hardware}</span> : null}
                </td>
                <td>{device.address}</td>
                <td>{device.location ?? '—'}</td>
                <td>
                  <button type="button" data-testid="onvif-choose" onClick={() => choose({ address: device.xaddrs[0] ?? device.address, device })}>
                    Look up
                  </button>
                </td>
              </tr>
            ))}
          </SetupTable>
        )
      ) : null}
      <form
        className="setup-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (typedAddress.trim()) choose({ address: typedAddress.trim() });
        }}
      >
        <LabelledInput label="Or a device address (host, host:port or http:// URL)" testId="onvif-address" value={typedAddress} onValue={setTypedAddress} maxLength={300} />
        <button type="submit" disabled={!typedAddress.trim()} data-testid="onvif-address-use">
          Use this address
        </button>
      </form>
      {target ? (
        <form
          className="setup-form"
          data-testid="onvif-login"
          onSubmit={(event) => {
            event.preventDefault();
            void getProfiles();
          }}
        >
          <p className="setup-form-title">
            {target.device ? (
              <>
                {target.device.name ?? 'Unnamed device'} <span className="camera-place">{target.address}</span>
              </>
            ) : (
              target.address
            )}
          </p>
          <LabelledInput label="Camera user name" testId="onvif-username" value={username} onValue={setUsername} maxLength={100} autoComplete="off" />
          <LabelledInput label="Camera password" type="password" testId="onvif-password" value={password} onValue={setPassword} maxLength={200} autoComplete="off" />
          <ActionButton submit primary action={lookup} ready={ready} label="Get profiles" busyLabel="Asking the camera…" testId="onvif-lookup" />
          <Problem text={lookup.problem} testId="onvif-problem" />
        </form>
      ) : null}
      {found ? (
        <div className="onvif-found" data-testid="onvif-profiles">
          <p className="setup-hint">
            {[found.profiles.device.manufacturer, found.profiles.device.model, found.profiles.device.firmwareVersion && `firmware ${found.profiles.device.firmwareVersion}`]
              .filter(Boolean)
              .join(' · ') || 'Device information not given'}
          </p>
          <SetupTable columns={['Profile', 'Encoding', 'Resolution', 'fps', 'kbit/s', 'GOP', 'Stream URI']}>
            {found.profiles.profiles.map((profile) => (
              <tr key={profile.token} data-testid="onvif-profile" data-token={profile.token}>
                <td>{profile.name}</td>
                <td>{profile.encoding ?? '—'}</td>
                <td>{profile.width && profile.height ? `${profile.width}×${profile.height}` : '—'}</td>
                <td>{profile.fps ?? '—'}</td>
                <td>{profile.bitrateKbps ?? '—'}</td>
                <td>{profile.govLength ?? '—'}</td>
                <td className="setup-uri">{profile.streamUri ?? <span className="setup-problem">{profile.error ?? 'no stream URI'}</span>}</td>
              </tr>
            ))}
          </SetupTable>
          <div className="setup-buttons">
            <ProfileSelect label="Main stream" testId="onvif-main" value={mainToken} onChange={setMainToken} profiles={found.profiles} />
            <ProfileSelect label="Sub stream" testId="onvif-sub" value={subToken} onChange={setSubToken} profiles={found.profiles} />
          </div>
          <label className="setup-block-label">
            CSV row (fill in category, lat, lon and the camera&apos;s credentials in your file)
            <textarea data-testid="onvif-csv" readOnly rows={3} spellCheck={false} value={csv} onFocus={(event) => event.target.select()} />
          </label>
          <CopyButton copier={copier} what="csv" text={csv} label="Copy CSV row" testId="onvif-copy" />
        </div>
      ) : null}
    </div>
  );
}

function ProfileSelect(props: { label: string; testId: string; value: string; onChange: (token: string) => void; profiles: OnvifProfiles }) {
  return (
    <label className="inline-label">
      {props.label}
      <select data-testid={props.testId} value={props.value} onChange={(event) => props.onChange(event.target.value)}>
        <option value="">none</option>
        {props.profiles.profiles
          .filter((p) => p.streamUri)
          .map((p) => (
            <option key={p.token} value={p.token}>
              {p.name}
            </option>
          ))}
      </select>
    </label>
  );
}
