import type { PlaybackStep } from './playback-steps';
import { formatFrame } from './playback-steps';
import { SPEEDS, type Playback, type PlaybackWindow } from './use-playback';
import './playback.css';

const fmt = (n: number) => n.toLocaleString('en-US');

/**
 * Play/pause, a slider over the frames, step (week/month), window (the step, 28/91/365 days
 * ending on it, or cumulative) and speed. "Keep dates" turns the frame into the saved filter
 * (one undo step); closing returns to the saved filter.
 */
export function PlaybackBar({ playback: p, count, onKeep }: { playback: Playback; count: number | null; onKeep: (from: string, to: string) => void }) {
  if (p.frames.length === 0) {
    return (
      <div className="playback-bar" role="group" aria-label="Playback">
        <span className="note">No occurred dates: nothing to play.</span>
        <button type="button" onClick={p.stop}>Close</button>
      </div>
    );
  }
  return (
    <div className="playback-bar" role="group" aria-label="Playback" data-testid="playback-bar">
      <button type="button" className="playback-play" onClick={() => p.setPlaying(!p.playing)} aria-label={p.playing ? 'Pause' : 'Play'} data-testid="playback-play">
        {p.playing ? '❚❚' : '▶'}
      </button>
      <button type="button" onClick={() => p.setIndex(p.index - 1)} aria-label="Previous step" disabled={p.index === 0}>‹</button>
      <input
        type="range"
        min={0}
        max={p.frames.length - 1}
        value={p.index}
        onChange={(e) => p.setIndex(Number(e.target.value))}
        aria-label="Playback position"
        data-testid="playback-slider"
      />
      <button type="button" onClick={() => p.setIndex(p.index + 1)} aria-label="Next step" disabled={p.index >= p.frames.length - 1}>›</button>
      <span className="playback-pos" data-testid="playback-window">
        {p.frame ? formatFrame(p.frame) : ''} {count !== null ? `· ${fmt(count)}` : ''}
      </span>
      <select aria-label="Step" value={p.step} onChange={(e) => p.setStep(e.target.value as PlaybackStep)}>
        <option value="week">by week</option>
        <option value="month">by month</option>
      </select>
      <select aria-label="Window" value={String(p.window)} onChange={(e) => p.setWindow((/^\d+$/.test(e.target.value) ? Number(e.target.value) : e.target.value) as PlaybackWindow)}>
        <option value="step">window: the step</option>
        <option value="28">window: 28 days</option>
        <option value="91">window: 91 days</option>
        <option value="365">window: 365 days</option>
        <option value="cumulative">cumulative</option>
      </select>
      <select aria-label="Speed" value={p.speed} onChange={(e) => p.setSpeed(e.target.value as keyof typeof SPEEDS)}>
        <option value="slow">slow</option>
        <option value="normal">normal</option>
        <option value="fast">fast</option>
      </select>
      <button type="button" disabled={!p.frame} onClick={() => p.frame && onKeep(p.frame.from, p.frame.to)} title="Set the filter's dates to this window (undoable) and close playback">
        Keep dates
      </button>
      <button type="button" onClick={p.stop} aria-label="Close playback">×</button>
    </div>
  );
}
