// HTML5 drag and drop of a camera (from the list or a tile) onto a tile or a wall tile, and of the
// operator's grid onto a wall display. Private types keep stray drops (text, files) from landing.
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

/**
 * The operator's own grid dragged onto a wall display. Only the marker travels: the console that
 * started the drag is the one that receives the drop, and it sends its grid as it is then.
 */
export const LAYOUT_DRAG_TYPE = 'application/x-jharokha-layout';

export function setDraggedLayout(transfer: DataTransfer): void {
  transfer.setData(LAYOUT_DRAG_TYPE, 'grid');
  transfer.effectAllowed = 'copy';
}

export function carriesLayout(transfer: DataTransfer): boolean {
  return Array.from(transfer.types).includes(LAYOUT_DRAG_TYPE);
}
