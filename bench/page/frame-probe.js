// Injected into every bench page before its own scripts (Playwright addInitScript). Each <video>
// that appears gets a requestVideoFrameCallback loop recording, per presented frame, its RTP
// timestamp and when it was received, presented and expected on screen, as wall-clock
// milliseconds (performance.timeOrigin + t) so the bench can compare them with the simulator's
// send times. Plain browser JavaScript: it is handed to the page as text.
/* global window, document, MutationObserver */
(() => {
  if (window.__benchProbe) return;
  const origin = performance.timeOrigin;
  const videos = [];
  let recording = false;
  let seq = 0;

  const label = (video) => {
    const holder = video.closest('[data-camera-id]');
    const tile = video.closest('[data-tile-index]');
    return {
      cameraId: holder ? holder.getAttribute('data-camera-id') || '' : '',
      tile: tile ? Number(tile.getAttribute('data-tile-index')) : -1,
    };
  };

  const watch = (video) => {
    if (video.__benchSeen || typeof video.requestVideoFrameCallback !== 'function') return;
    video.__benchSeen = true;
    const entry = { seq: seq++, ...label(video), addedAt: origin + performance.now(), first: null, frames: [], count: 0 };
    videos.push(entry);
    const onFrame = (now, m) => {
      const frame = {
        rtp: typeof m.rtpTimestamp === 'number' ? m.rtpTimestamp : null,
        recv: typeof m.receiveTime === 'number' ? origin + m.receiveTime : null,
        pres: origin + m.presentationTime,
        exp: origin + m.expectedDisplayTime,
        cb: origin + now,
      };
      entry.count++;
      if (!entry.first) {
        // The tile may have been labelled after the element was added.
        Object.assign(entry, label(video));
        entry.first = frame;
      }
      if (recording) entry.frames.push(frame);
      video.requestVideoFrameCallback(onFrame);
    };
    video.requestVideoFrameCallback(onFrame);
  };

  const scan = (node) => {
    if (node.nodeType !== 1) return;
    if (node.tagName === 'VIDEO') watch(node);
    else for (const v of node.querySelectorAll('video')) watch(v);
  };
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) scan(n);
  }).observe(document, { childList: true, subtree: true });

  window.__benchProbe = {
    now: () => origin + performance.now(),
    record(on) {
      recording = on;
      if (on) for (const v of videos) v.frames = [];
    },
    /** Every video seen, with the frames recorded since the last take (which are then dropped). */
    take() {
      return videos.map((v) => {
        const frames = v.frames;
        v.frames = [];
        return { seq: v.seq, cameraId: v.cameraId, tile: v.tile, addedAt: v.addedAt, first: v.first, count: v.count, frames };
      });
    },
  };
})();
