/**
 * A form's call to one resolver: the payload is checked with the resolver's own schema first (a problem
 * shows next to its field and nothing is sent), then sent; a refusal shows next to its field when it names
 * one, and as a notice titled by what failed.
 */
import { useState } from 'react';
import type { AnswerOf } from '../../../../src/core/schema/resolver-answers';
import { PAYLOADS, type PayloadOf, type ResolverKey } from '../../../../src/core/schema/resolver-payloads';
import { call, fieldOf, messageOf } from '../api';
import { errorsOf, type FieldErrors } from './field-errors';
import { failureNotice, type Notice } from './notice';

export function useCheckedCall<K extends ResolverKey>(key: K, failureTitle: string) {
  const [errors, setErrors] = useState<FieldErrors>(new Map());
  const [notice, setNotice] = useState<Notice | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (payload: PayloadOf<K>, onDone: (answer: AnswerOf<K>) => void | Promise<void>) => {
    const checked = PAYLOADS[key].safeParse(payload);
    setErrors(errorsOf(checked));
    if (!checked.success) return;
    setBusy(true);
    setNotice(undefined);
    try {
      await onDone(await call(key, payload));
    } catch (err) {
      const field = fieldOf(err);
      if (field !== undefined) setErrors(new Map([[field, messageOf(err)]]));
      setNotice(failureNotice(err, failureTitle));
    } finally {
      setBusy(false);
    }
  };
  return { errors, notice, setNotice, busy, submit };
}
