import type { Alert } from '@harbor/shared';
import { useSyncExternalStore } from 'react';

/** Whether a new critical alert plays a sound and shows a desktop notification; both off at first. */
export type NotifySettings = { sound: boolean; desktop: boolean };

const STORAGE_KEY = 'harbor.alerts.notify';
const OFF: NotifySettings = { sound: false, desktop: false };
const listeners = new Set<() => void>();
let settings: NotifySettings | null = null;

function read(): NotifySettings {
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null') as Partial<
      Record<keyof NotifySettings, unknown>
    > | null;
    return { sound: stored?.sound === true, desktop: stored?.desktop === true };
  } catch (error) {
    // Unreadable (hand-edited) or no storage (a locked-down browser): both stay off.
    if (error instanceof SyntaxError || error instanceof DOMException) return OFF;
    throw error;
  }
}

export function notifySettings(): NotifySettings {
  settings ??= read();
  return settings;
}

/** Changes the settings for this browser, remembered across visits (localStorage). */
export function setNotifySettings(next: NotifySettings): void {
  settings = next;
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch (error) {
    // Storage full or refused: the choice holds until the page is left.
    if (!(error instanceof DOMException)) throw error;
  }
  for (const listener of listeners) listener();
}

export function useNotifySettings(): NotifySettings {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, notifySettings);
}

/** The new alerts of a live batch that call for a notification: critical and open. */
export function criticalNews(batch: readonly Alert[], known: Set<string>): Alert[] {
  const news: Alert[] = [];
  for (const alert of batch) {
    if (alert.severity !== 'CRITICAL' || alert.acknowledgedAt !== null || known.has(alert.id))
      continue;
    known.add(alert.id);
    news.push(alert);
  }
  return news;
}

let audio: AudioContext | null = null;

/**
 * The browser lets a page play sound only after the user did something on it: switching the
 * sound on (a click) creates the audio context, so later alerts can sound.
 */
export function unlockSound(): void {
  if (typeof AudioContext === 'undefined') return;
  audio ??= new AudioContext();
  void audio.resume();
}

/** Two short high beeps made with WebAudio (no media file to fetch). */
export function playAlertSound(): void {
  if (typeof AudioContext === 'undefined') return;
  audio ??= new AudioContext();
  const start = audio.currentTime;
  for (const offset of [0, 0.25]) {
    const tone = audio.createOscillator();
    const gain = audio.createGain();
    tone.type = 'square';
    tone.frequency.value = 880;
    gain.gain.setValueAtTime(0.0001, start + offset);
    gain.gain.exponentialRampToValueAtTime(0.2, start + offset + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.18);
    tone.connect(gain).connect(audio.destination);
    tone.start(start + offset);
    tone.stop(start + offset + 0.2);
  }
}

/** What the browser allows: `unsupported` where it has no Notification API. */
export function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Sound and desktop notification for new critical alerts, as switched on. */
export function announce(news: readonly Alert[], title: string, textOf: (alert: Alert) => string) {
  if (news.length === 0) return;
  const { sound, desktop } = notifySettings();
  if (sound) playAlertSound();
  if (!desktop || notificationPermission() !== 'granted') return;
  for (const alert of news.slice(0, 3))
    new Notification(title, { body: textOf(alert), tag: `harbor-alert-${alert.id}` });
}
