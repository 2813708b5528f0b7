// The installer's page (/setup): log in as an installer, then import the camera inventory, probe
// cameras, find ONVIF devices, register call boxes, manage who logs in and map displays to walls. The engine checks the
// installer role on every request; this page only keeps others from a screen they cannot use.
import { useCallback } from 'react';
import { takesCalls } from '../../../common/domain/user.js';
import { LoginForm } from '../login/LoginForm.js';
import { useLogin } from '../login/use-login.js';
import { UserLine } from '../login/UserLine.js';
import type { OperatorLink } from '../login/operator-link.js';
import type { EngineClient } from '../engine-client.js';
import { BoxesPanel } from '../setup/BoxesPanel.js';
import { CameraImportPanel } from '../setup/CameraImportPanel.js';
import { OnvifPanel } from '../setup/OnvifPanel.js';
import { ProbePanel } from '../setup/ProbePanel.js';
import { SetupSection } from '../setup/SetupSection.js';
import { UsersPanel } from '../setup/UsersPanel.js';
import { WallsPanel } from '../setup/WallsPanel.js';
import { ConnectionBanner } from '../ui/ConnectionBanner.js';

const sections = [
  { id: 'cameras', title: '1. Cameras — CSV import' },
  { id: 'probe', title: '2. Probe cameras' },
  { id: 'onvif', title: '3. ONVIF' },
  { id: 'boxes', title: '4. Call boxes' },
  { id: 'users', title: '5. Users' },
  { id: 'walls', title: '6. Video walls' },
] as const;

export function SetupPage({ client, link }: { client: EngineClient; link: OperatorLink }) {
  const { user, loginState, ready } = useLogin(link);
  const loginToken = useCallback(() => link.loginToken, [link]);
  const loggedIn = user !== null && loginState.kind !== 'needs-login' && loginState.kind !== 'refused';

  let body;
  if (!loggedIn) {
    body = (
      <div className="setup-login">
        <LoginForm heading="Log in to set up the site" state={loginState} onSubmit={(username, password) => link.login(username, password)} />
      </div>
    );
  } else if (user.role !== 'installer') {
    body = (
      <div className="setup-refused" role="alert" data-testid="setup-not-installer" data-role={user.role}>
        <p>
          This page is for installers. {user.displayName} is logged in as {takesCalls(user) ? 'an' : 'a'}{' '}
          {user.role}, who cannot set up the site.
        </p>
        <p>
          {takesCalls(user) ? 'Calls are taken on the console (/console). ' : ''}Log out, then log in with an
          installer account.
        </p>
      </div>
    );
  } else {
    body = (
      <>
        <nav className="setup-nav" aria-label="Sections">
          {sections.map((section) => (
            <a key={section.id} href={`#${section.id}`}>
              {section.title}
            </a>
          ))}
        </nav>
        <SetupSection id="cameras" title={sections[0].title}>
          <CameraImportPanel loginToken={loginToken} ready={ready} />
        </SetupSection>
        <SetupSection id="probe" title={sections[1].title}>
          <ProbePanel link={link} ready={ready} />
        </SetupSection>
        <SetupSection id="onvif" title={sections[2].title}>
          <OnvifPanel link={link} ready={ready} />
        </SetupSection>
        <SetupSection id="boxes" title={sections[3].title}>
          <BoxesPanel link={link} ready={ready} origin={window.location.origin} />
        </SetupSection>
        <SetupSection id="users" title={sections[4].title}>
          <UsersPanel link={link} ready={ready} me={user.username} />
        </SetupSection>
        <SetupSection id="walls" title={sections[5].title}>
          <WallsPanel link={link} ready={ready} />
        </SetupSection>
      </>
    );
  }

  return (
    <div className="setup-page">
      <ConnectionBanner client={client} />
      <header className="setup-header">
        <h1>Site setup</h1>
        {loggedIn ? (
          <UserLine user={user} loginState={loginState} onLogout={() => void link.logout()} />
        ) : null}
      </header>
      <main className="setup-main">{body}</main>
    </div>
  );
}
