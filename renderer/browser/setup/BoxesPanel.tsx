// Section 4: call boxes. Register one (its key comes back once, with the kiosk's address) or
// revoke its key (its kiosk is cut off at once and cannot reconnect).
import { useCallback, useState } from 'react';
import type { MethodResult } from '../../../common/protocol/methods.js';
import type { EngineLink } from '../engine-client.js';
import { ConfirmButton } from './ConfirmButton.js';
import { FieldInput } from './FieldInput.js';
import { checkBoxForm, type BoxFormValues } from './form-check.js';
import { FormEnd } from './FormEnd.js';
import { KeyOnce } from './KeyOnce.js';
import { ListTable } from './ListTable.js';
import { Problem } from './Problem.js';
import { SetupForm } from './SetupForm.js';
import { useAction } from './use-action.js';
import { useFieldForm } from './use-field-form.js';
import { useRowAction } from './use-row-action.js';
import { useSetupList } from './use-setup-list.js';

type SetupBox = MethodResult<'setup.listBoxes'>['boxes'][number];

const emptyForm: BoxFormValues = { id: '', name: '', place: '', lat: '', lon: '', cameraId: '' };
const sameBox = (a: SetupBox, b: SetupBox): boolean => a.id === b.id;

export function BoxesPanel({ link, ready, origin }: { link: EngineLink; ready: boolean; origin: string }) {
  const load = useCallback(() => link.request('setup.listBoxes', {}).then((r) => r.boxes), [link]);
  const list = useSetupList<SetupBox>(ready, load);
  const register = useAction();
  const form = useFieldForm<BoxFormValues>(emptyForm);
  const [issued, setIssued] = useState<{ boxId: string; key: string } | null>(null);
  const revoking = useRowAction();

  const existing = list.items?.find((box) => box.id === form.values.id.trim());

  const submit = async (): Promise<void> => {
    const checked = checkBoxForm(form.values);
    if (!form.passed(checked)) return;
    const result = await register.run(() => link.request('setup.registerBox', checked.data));
    if (!result) return;
    list.replace(result.box, sameBox);
    setIssued({ boxId: result.box.id, key: result.key });
    form.setValues(emptyForm);
  };

  const revoke = (boxId: string): Promise<void> =>
    revoking.run(boxId, async () => {
      const { box } = await link.request('setup.revokeBox', { boxId });
      list.replace(box, sameBox);
    });

  return (
    <div className="setup-panel-body">
      {issued ? <KeyOnce boxId={issued.boxId} boxKey={issued.key} origin={origin} onDone={() => setIssued(null)} /> : null}
      <SetupForm testId="box-form" label="Register a call box" onSubmit={submit}>
        <FieldInput label="Box id" testId="box-id" {...form.field('id')} placeholder="box-ghantaghar" maxLength={64} />
        <FieldInput label="Name" testId="box-name" {...form.field('name')} maxLength={200} />
        <FieldInput label="Place" testId="box-place" {...form.field('place')} maxLength={200} />
        <FieldInput label="Latitude" testId="box-lat" {...form.field('lat')} inputMode="decimal" placeholder="26.4499" />
        <FieldInput label="Longitude" testId="box-lon" {...form.field('lon')} inputMode="decimal" placeholder="80.3319" />
        <FieldInput label="Its camera id (optional)" testId="box-camera" {...form.field('cameraId')} maxLength={64} />
        <FormEnd
          action={register}
          ready={ready}
          warning={
            existing
              ? { testId: 'box-exists', text: `${existing.id} is registered already: registering it again replaces its details and issues a new key (the old key stops working).` }
              : null
          }
          submitTestId="box-register"
          submitLabel={existing ? 'Register again (new key)' : 'Register box'}
          busyLabel="Registering…"
          problemTestId="box-form-problem"
        />
      </SetupForm>
      <ListTable
        list={list}
        testId="boxes"
        caption={(boxes) => `${boxes.length} call box${boxes.length === 1 ? '' : 'es'}`}
        columns={['Id', 'Name', 'Place', 'Position', 'Camera', 'Key']}
        buttonsColumn="Action"
        row={(box) => (
          <tr key={box.id} data-testid="box-row" data-box-id={box.id} data-has-key={box.hasKey} data-revoked={box.revokedAt !== undefined}>
            <td>{box.id}</td>
            <td>{box.name}</td>
            <td>{box.place || '—'}</td>
            <td>
              {box.lat.toFixed(5)}, {box.lon.toFixed(5)}
            </td>
            <td>{box.cameraId ?? '—'}</td>
            <td>{box.revokedAt !== undefined ? `revoked ${new Date(box.revokedAt).toLocaleString()}` : box.hasKey ? 'issued' : 'none'}</td>
            <td>
              {box.hasKey ? (
                <ConfirmButton
                  label="Revoke key"
                  question={`Revoke the key of ${box.name}? Its kiosk is cut off now and cannot reconnect until the box is registered again.`}
                  confirmLabel="Revoke"
                  testId="box-revoke"
                  busy={revoking.busyId === box.id}
                  disabled={!ready}
                  onConfirm={() => void revoke(box.id)}
                />
              ) : null}
              <Problem text={revoking.problems[box.id]} testId="box-row-problem" />
            </td>
          </tr>
        )}
      />
    </div>
  );
}
