import { useState } from 'react';

/**
 * A metres input that commits on Enter or blur (one undo step per edit, not per keystroke).
 * Empty means "default" when `allowDefault`; values outside [min, max] are refused and reset.
 */
export function MetresField(props: { label: string; value: number | null; allowDefault: boolean; min: number; max: number; onCommit: (v: number | null) => void; testId: string }) {
  const { label, value, allowDefault, min, max, onCommit, testId } = props;
  const [text, setText] = useState<string | null>(null);
  const shown = text ?? (value === null ? '' : String(Math.round(value * 100) / 100));
  const commit = () => {
    if (text === null) return;
    const t = text.trim();
    setText(null);
    if (t === '' && allowDefault) return onCommit(null);
    const v = Number(t);
    if (Number.isFinite(v) && v >= min && v <= max) onCommit(v);
  };
  return (
    <label className="field">
      {label}
      <input
        type="text"
        inputMode="decimal"
        data-testid={testId}
        placeholder={allowDefault ? 'default' : ''}
        value={shown}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => e.key === 'Enter' && commit()}
      />
    </label>
  );
}
