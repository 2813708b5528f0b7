// Chromium caps the number of media players per page and does not free one until its element is
// emptied and reloaded, so a tile that changes camera must release its <video> completely.
export function releaseVideo(video: HTMLVideoElement): void {
  video.pause();
  video.srcObject = null;
  video.removeAttribute('src');
  video.remove();
  video.load();
}
