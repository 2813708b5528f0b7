// The alert rules the engine enforces and the console follows: one table, both sides.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Alert, AlertState } from '../../../common/domain/alert.js';
import { acknowledgeRefusal, answerRefusal, callbackRefusal, closeRefusal, ownerRefusal } from '../../../common/domain/alert-rules.js';
import { actionsFor } from '../../../renderer/browser/alerts/alert-actions.js';

const asha = { name: 'asha', role: 'operator' as const };
const ravi = { name: 'ravi', role: 'operator' as const };
const vikram = { name: 'vikram', role: 'supervisor' as const };

describe('alert rules', () => {
  it('supervisors answer only once a call escalates; operators from the first ring', () => {
    assert.equal(answerRefusal({ state: 'ringing' }, asha), undefined);
    assert.equal(answerRefusal({ state: 'ringing' }, vikram), 'supervisors answer a call once it escalates');
    assert.equal(answerRefusal({ state: 'escalated' }, vikram), undefined);
  });

  it('a call in progress is its operator’s; a call-back is its operator’s or a supervisor’s', () => {
    assert.equal(ownerRefusal({ state: 'answered', operator: 'asha' }, asha), undefined);
    assert.equal(ownerRefusal({ state: 'answered', operator: 'asha' }, vikram), "this call is asha's");
    assert.equal(callbackRefusal({ state: 'dropped', operator: 'asha' }, vikram), undefined);
    assert.equal(callbackRefusal({ state: 'dropped', operator: 'asha' }, ravi), 'only asha or a supervisor may call back');
  });

  it('only a supervisor closes an unanswered alert; nobody closes a closed one; anyone acknowledges an open one', () => {
    assert.equal(closeRefusal({ state: 'ringing' }, asha), 'only a supervisor may close an unanswered alert');
    assert.equal(closeRefusal({ state: 'ended', operator: 'asha' }, ravi), 'only asha or a supervisor may close this alert');
    assert.equal(closeRefusal({ state: 'ended', operator: 'asha' }, vikram), undefined);
    assert.equal(closeRefusal({ state: 'closed', operator: 'asha' }, asha), 'the alert is already closed');
    assert.equal(acknowledgeRefusal({ state: 'closed' }), 'the alert is already closed');
    assert.equal(acknowledgeRefusal({ state: 'answered' }), undefined);
  });

  it('the console offers an action exactly when the rule for it allows it', () => {
    const states: AlertState[] = ['ringing', 'escalated', 'answered', 'on_hold', 'dropped', 'ended', 'closed'];
    for (const state of states) {
      for (const who of [asha, ravi, vikram]) {
        const alert = { id: 'a-1', state, operator: state === 'ringing' || state === 'escalated' ? undefined : 'asha' } as Alert;
        const offered = actionsFor(alert, { username: who.name, displayName: who.name, role: who.role });
        const waiting = state === 'ringing' || state === 'escalated';
        const live = state === 'answered' || state === 'on_hold';
        const over = state === 'dropped' || state === 'ended';
        const context = `${who.name} on a ${state} alert`;
        assert.equal(offered.includes('answer'), waiting && answerRefusal(alert, who) === undefined, context);
        assert.equal(offered.includes('hangup'), live && ownerRefusal(alert, who) === undefined, context);
        assert.equal(offered.includes('callback'), over && callbackRefusal(alert, who) === undefined, context);
        assert.equal(offered.includes('close'), (waiting || over) && closeRefusal(alert, who) === undefined, context);
      }
    }
  });
});
