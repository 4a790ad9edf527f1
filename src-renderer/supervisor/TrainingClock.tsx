import { useEffect, useState } from 'react';
import type { OutputOf } from '../../src-main/api/contract.ts';
import type { Bilingual } from '../../src-main/domain/errors.ts';
import { call } from '../shared/client.ts';
import { texts, useText } from '../shared/i18n.ts';
import { spokenDateText } from '../counter/interview/dates.ts';
import { useAttempt } from './useAttempt.ts';

/** Where the clock went, in office time: "Jumat, 4 Desember 2026, pukul 13.00". */
const movedTo = (moved: { to: string; date: string }): Bilingual => {
  const time = moved.to.slice(11, 16);
  const day = spokenDateText(moved.date);
  return { id: `${day.id}, pukul ${time.replace(':', '.')}`, en: `${day.en}, ${time}` };
};

/**
 * On a training floor only: the supervisor moves the floor's clock on to the pickup hours of the
 * first ready passport, so trainees reach the pickup call on the day they interviewed. A real
 * floor shows nothing here (and its hub refuses the operation).
 */
export function TrainingClock({ onChanged }: { onChanged: () => void }) {
  const t = useText();
  const [training, setTraining] = useState(false);
  const [moved, setMoved] = useState<OutputOf<'trainingAdvanceClock'> | null>(null);
  const [busy, setBusy] = useState(false);
  const { problem, attempt } = useAttempt(onChanged);
  useEffect(() => {
    call('whoAmI', {}).then(
      (me) => setTraining(me.training),
      () => setTraining(false),
    );
  }, []);
  if (!training) return null;
  const advance = async () => {
    setBusy(true);
    setMoved(null);
    await attempt(async () => setMoved(await call('trainingAdvanceClock', { to: 'pickup' })));
    setBusy(false);
  };
  return (
    <section className="panel training-clock" data-testid="training-clock">
      <h2>{t(texts.trainingClockTitle)}</h2>
      <p className="quiet">{t(texts.trainingClockHelp)}</p>
      <button
        type="button"
        className="primary"
        data-testid="advance-to-pickup"
        disabled={busy}
        onClick={() => void advance()}
      >
        {t(texts.trainingAdvanceToPickup)}
      </button>
      {moved && (
        <div className="moved" role="status" data-testid="clock-advanced" data-to={moved.to}>
          <p>
            {t(texts.trainingClockMovedTo)} <strong>{t(movedTo(moved))}</strong>.
          </p>
          <p className="quiet">{t(texts.trainingClockLockNote)}</p>
        </div>
      )}
      {problem && (
        <p className="cause" role="alert" data-testid="training-clock-problem">
          {problem}
        </p>
      )}
    </section>
  );
}
