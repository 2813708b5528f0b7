// Chromium caps the number of media players per page and does not free one until its element is
// emptied and reloaded, so a tile that changes camera (or a call that ends) must release its
// <video> or <audio> completely.
export function releaseVideo(video: HTMLMediaElement): void {
  video.pause();
  video.srcObject = null;
  video.removeAttribute('src');
  video.remove();
  video.load();
}
