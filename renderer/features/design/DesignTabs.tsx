import { useState } from 'react';
import { EvaluatePanel } from '../evaluation/EvaluatePanel';
import { MatchSection } from './MatchSection';
import { PowerSection } from './PowerSection';
import { RandomizeSection } from './RandomizeSection';
import { SavedDesigns } from './SavedDesigns';
import { TargetsSection } from './TargetsSection';
import type { DesignController, WorkbenchTab } from './use-design-workbench';
import './design.css';

const TABS: { id: WorkbenchTab; label: string }[] = [
  { id: 'explore', label: 'Explore' },
  { id: 'design', label: 'Design' },
  { id: 'evaluate', label: 'Evaluate' },
];

type Step = 'targets' | 'match' | 'randomize' | 'power' | 'saved';
const STEPS: { id: Step; label: string }[] = [
  { id: 'targets', label: '1 Targets' },
  { id: 'match', label: '2 Match' },
  { id: 'randomize', label: 'Randomize' },
  { id: 'power', label: 'Power' },
  { id: 'saved', label: 'Saved' },
];

/** The side panel's tab bar (Explore / Design / Evaluate) and, on Design or Evaluate, that panel. */
export function DesignTabs({ c }: { c: DesignController }) {
  const [step, setStep] = useState<Step>('targets');
  return (
    <>
      <nav className="workbench-tabs" role="tablist" aria-label="Workbench">
        {TABS.map((t) => (
          <button key={t.id} type="button" role="tab" aria-selected={c.tab === t.id} className={c.tab === t.id ? 'on' : ''} onClick={() => c.setTab(t.id)}>
            {t.label}
          </button>
        ))}
      </nav>
      {c.tab !== 'explore' && !c.state.dataset && <p className="note">Open a project or import incidents first.</p>}
      {c.tab !== 'explore' && c.state.dataset && (
        <div className="design-workbench" data-testid={`${c.tab}-panel`}>
          {c.dataError && <p className="error" role="alert">{c.dataError}</p>}
          {!c.data && !c.dataError && <p className="progress" role="status">Reading the incidents for the design…</p>}
          {c.data && c.tab === 'design' && (
            <>
              <nav className="design-steps" aria-label="Design steps">
                {STEPS.map((s) => (
                  <button key={s.id} type="button" className={step === s.id ? 'on' : ''} aria-pressed={step === s.id} onClick={() => setStep(s.id)}>
                    {s.label}
                  </button>
                ))}
              </nav>
              <p className="note design-data-note">{c.data.note}</p>
              {step === 'targets' && <TargetsSection c={c} />}
              {step === 'match' && <MatchSection c={c} />}
              {step === 'randomize' && <RandomizeSection c={c} />}
              {step === 'power' && <PowerSection c={c} />}
              {step === 'saved' && <SavedDesigns c={c} onOpened={() => setStep('match')} />}
            </>
          )}
          {c.data && c.tab === 'evaluate' && <EvaluatePanel c={c} />}
        </div>
      )}
    </>
  );
}
