// HTML5 drag and drop of a camera from the list onto a tile. A private type keeps stray drops
// (text, files) from landing on a tile.
export const CAMERA_DRAG_TYPE = 'application/x-jharokha-camera';

export function setDraggedCamera(transfer: DataTransfer, cameraId: string): void {
  transfer.setData(CAMERA_DRAG_TYPE, cameraId);
  transfer.setData('text/plain', cameraId);
  transfer.effectAllowed = 'copy';
}

export function carriesCamera(transfer: DataTransfer): boolean {
  return Array.from(transfer.types).includes(CAMERA_DRAG_TYPE);
}

export function draggedCamera(transfer: DataTransfer): string | null {
  const id = transfer.getData(CAMERA_DRAG_TYPE);
  return id.length > 0 ? id : null;
}
