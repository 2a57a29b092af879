import { useEffect, useMemo, useState } from 'react';
import { frameIndexOf, playbackFrames, type PlaybackFrame, type PlaybackStep } from './playback-steps';

/** Window choices: the step itself, N days ending on the step, or everything up to the step. */
export type PlaybackWindow = 'step' | 28 | 91 | 365 | 'cumulative';

/** Delay between frames, ms, by speed. */
export const SPEEDS = { slow: 1600, normal: 800, fast: 350 } as const;

/** Playback state and its controls. */
export interface Playback {
  readonly active: boolean;
  readonly playing: boolean;
  readonly frames: readonly PlaybackFrame[];
  readonly index: number;
  /** The frame shown, or null when playback is off. */
  readonly frame: PlaybackFrame | null;
  readonly step: PlaybackStep;
  readonly window: PlaybackWindow;
  readonly speed: keyof typeof SPEEDS;
  start(atDay: string | null): void;
  stop(): void;
  setPlaying(on: boolean): void;
  setIndex(i: number): void;
  setStep(s: PlaybackStep): void;
  setWindow(w: PlaybackWindow): void;
  setSpeed(s: keyof typeof SPEEDS): void;
}

/**
 * The time playback: frames over the data's date range, one shown at a time. It is a transient
 * view (the caller puts the frame's dates in the SQL filter instead of the saved one), so
 * playing never fills the undo history or marks the project unsaved.
 */
export function usePlayback(minDay: string | null, maxDay: string | null): Playback {
  const [active, setActive] = useState(false);
  const [playing, setPlaying] = useState(false);
  const [index, setIndexRaw] = useState(0);
  const [step, setStep] = useState<PlaybackStep>('week');
  const [window, setWindow] = useState<PlaybackWindow>('step');
  const [speed, setSpeed] = useState<keyof typeof SPEEDS>('normal');
  const frames = useMemo(() => {
    const base = playbackFrames(minDay, maxDay, step, typeof window === 'number' ? window : null);
    const first = base[0];
    return window === 'cumulative' && first ? base.map((f) => ({ from: first.from, to: f.to })) : base;
  }, [minDay, maxDay, step, window]);
  const clamp = (i: number) => Math.max(0, Math.min(frames.length - 1, Math.floor(i)));
  const setIndex = (i: number) => setIndexRaw(clamp(i));

  useEffect(() => {
    if (!active || !playing) return;
    if (index >= frames.length - 1) {
      setPlaying(false);
      return;
    }
    const t = setTimeout(() => setIndexRaw((i) => Math.min(frames.length - 1, i + 1)), SPEEDS[speed]);
    return () => clearTimeout(t);
  }, [active, playing, index, frames.length, speed]);

  const frame = active ? (frames[clamp(index)] ?? null) : null;
  return {
    active,
    playing,
    frames,
    index: clamp(index),
    frame,
    step,
    window,
    speed,
    start: (atDay) => {
      setActive(true);
      setIndexRaw(frameIndexOf(frames, atDay));
    },
    stop: () => {
      setActive(false);
      setPlaying(false);
    },
    setPlaying: (on) => {
      if (on && index >= frames.length - 1) setIndexRaw(0);
      setPlaying(on);
    },
    setIndex,
    setStep: (s) => {
      // Keep the date in view when the step changes.
      const day = frames[clamp(index)]?.to ?? null;
      setStep(s);
      setIndexRaw(frameIndexOf(playbackFrames(minDay, maxDay, s, null), day));
    },
    setWindow,
    setSpeed,
  };
}
