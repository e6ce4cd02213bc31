import type { AssetKind } from '@harbor/shared';
import { skipToken, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { trpc } from '../../trpc.ts';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { formatTime, fromLocalInput, toLocalInput } from './format.ts';
import { replayWindow } from './map-params.ts';
import { presetRange, type TrackRange, toTrackPoints } from './replay.ts';
import { REPLAY_SPEEDS, type TrackReplay } from './use-track-replay.ts';

/** A period to load; `atMs`: the moment to replay from once loaded (an alert's). */
type TrackRequest = { from: string; to: string; atMs?: number };

/**
 * Choose a period, draw the asset's track over it, and replay it. Opened at a moment (`atMs`,
 * an alert's), it loads the track around it at once and stands at that moment.
 */
export function TrackControls({
  kind,
  assetKey,
  replay,
  atMs = null,
}: {
  kind: AssetKind;
  assetKey: string;
  replay: TrackReplay;
  atMs?: number | null;
}) {
  const { t, i18n } = useTranslation('map');
  const [range, setRange] = useState<TrackRange>(atMs === null ? '1h' : 'custom');
  const [custom, setCustom] = useState(() =>
    atMs === null ? presetRange('6h', Date.now()) : replayWindow(atMs, Date.now()),
  );
  const [request, setRequest] = useState<TrackRequest | null>(() =>
    atMs === null ? null : { ...replayWindow(atMs, Date.now()), atMs },
  );
  const track = useQuery(
    trpc.positions.track.queryOptions(
      request
        ? { assetKind: kind, assetKey, from: request.from, to: request.to, maxPoints: 5_000 }
        : skipToken,
    ),
  );
  const { setPoints, seek } = replay;
  useEffect(() => {
    const points = track.data && request ? toTrackPoints(track.data) : null;
    setPoints(points);
    if (points && points.length > 0 && request?.atMs !== undefined) seek(request.atMs);
  }, [track.data, request, setPoints, seek]);

  const isBadRange = range === 'custom' && !(Date.parse(custom.from) < Date.parse(custom.to));
  const show = () => setRequest(range === 'custom' ? custom : presetRange(range, Date.now()));

  return (
    <section className="map-track" aria-label={t('track.title')}>
      <h4>{t('track.title')}</h4>
      <div className="map-track-row">
        <label>
          {t('track.range')}{' '}
          <select value={range} onChange={(e) => setRange(e.target.value as TrackRange)}>
            <option value="1h">{t('track.last1h')}</option>
            <option value="6h">{t('track.last6h')}</option>
            <option value="24h">{t('track.last24h')}</option>
            <option value="custom">{t('track.custom')}</option>
          </select>
        </label>
      </div>
      {range === 'custom' ? (
        <div className="map-track-row">
          <label>
            {t('track.from')}{' '}
            <input
              type="datetime-local"
              value={toLocalInput(custom.from)}
              onChange={(e) =>
                setCustom((c) => ({ ...c, from: fromLocalInput(e.target.value) ?? c.from }))
              }
            />
          </label>
          <label>
            {t('track.to')}{' '}
            <input
              type="datetime-local"
              value={toLocalInput(custom.to)}
              onChange={(e) =>
                setCustom((c) => ({ ...c, to: fromLocalInput(e.target.value) ?? c.to }))
              }
            />
          </label>
          {isBadRange ? <p className="map-error">{t('track.badRange')}</p> : null}
        </div>
      ) : null}
      <div className="map-track-row">
        <button type="button" className="primary" onClick={show} disabled={isBadRange}>
          {t('track.show')}
        </button>
        {request ? (
          <button type="button" onClick={() => setRequest(null)}>
            {t('track.clear')}
          </button>
        ) : null}
      </div>
      {request === null ? null : track.isPending ? (
        <Loading />
      ) : track.error ? (
        <ErrorState error={track.error} onRetry={() => void track.refetch()} />
      ) : (track.data?.length ?? 0) === 0 ? (
        <p className="map-muted">{t('track.empty')}</p>
      ) : (
        <ReplayControls replay={replay} language={i18n.language} count={track.data?.length ?? 0} />
      )}
    </section>
  );
}

function ReplayControls({
  replay,
  language,
  count,
}: {
  replay: TrackReplay;
  language: string;
  count: number;
}) {
  const { t } = useTranslation('map');
  const { startMs, endMs, atMs } = replay;
  if (startMs === null || endMs === null) return null;
  return (
    <div className="map-replay" data-testid="track-replay">
      <p className="map-muted">{t('track.points', { count })}</p>
      <div className="map-track-row">
        <button type="button" onClick={replay.toggle}>
          {replay.isPlaying ? t('track.pause') : t('track.play')}
        </button>
        <label>
          {t('track.speed')}{' '}
          <select value={replay.speed} onChange={(e) => replay.setSpeed(Number(e.target.value))}>
            {REPLAY_SPEEDS.map((speed) => (
              <option key={speed} value={speed}>
                {speed}×
              </option>
            ))}
          </select>
        </label>
      </div>
      <input
        type="range"
        aria-label={t('track.progress')}
        min={startMs}
        max={endMs}
        value={atMs ?? startMs}
        onChange={(e) => replay.seek(Number(e.target.value))}
      />
      <time dateTime={new Date(atMs ?? startMs).toISOString()}>
        {formatTime(new Date(atMs ?? startMs).toISOString(), language)}
      </time>
    </div>
  );
}
