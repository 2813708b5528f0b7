// Every call box on a small plan of the city: online ones solid, offline hollow, the ringing
// ones pulsing, the selected one ringed. Drawn from the boxes' coordinates alone (no map tiles:
// the control room network reaches nothing outside).
import { useMemo } from 'react';
import type { CallBoxSummary } from '../../../common/domain/alert.js';
import { placeBoxes, type PlacedBox } from './map-projection.js';

const WIDTH = 320;
const HEIGHT = 220;
const MARGIN = 16;

export interface BoxMapProps {
  boxes: ReadonlyMap<string, CallBoxSummary>;
  ringing: ReadonlySet<string>;
  selected: string | null;
  onSelectBox?: (boxId: string) => void;
}

export function BoxMap({ boxes, ringing, selected, onSelectBox }: BoxMapProps) {
  const placed = useMemo(() => placeBoxes([...boxes.values()], WIDTH, HEIGHT, MARGIN), [boxes]);
  // Highlighted boxes are drawn last, so they are never under a neighbour.
  const rank = (p: PlacedBox): number => (p.box.id === selected ? 2 : ringing.has(p.box.id) ? 1 : 0);
  const ordered = [...placed].sort((a, b) => rank(a) - rank(b));
  const online = placed.filter((p) => p.box.online).length;
  return (
    <section className="box-map" aria-label="Call boxes">
      <h2>
        Call boxes <span className="queue-count">{`${online}/${placed.length} online`}</span>
      </h2>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label="Map of call boxes" data-testid="box-map">
        <rect className="map-ground" x={0} y={0} width={WIDTH} height={HEIGHT} />
        {ordered.map(({ box, x, y }) => {
          const isRinging = ringing.has(box.id);
          const isSelected = box.id === selected;
          const classes = ['map-box', box.online ? 'map-online' : 'map-offline', isRinging ? 'map-ringing' : '', isSelected ? 'map-selected' : '']
            .filter(Boolean)
            .join(' ');
          return (
            <g
              key={box.id}
              className={classes}
              transform={`translate(${x.toFixed(1)} ${y.toFixed(1)})`}
              data-testid="map-box"
              data-box-id={box.id}
              data-online={box.online}
              data-ringing={isRinging}
              data-selected={isSelected}
              onClick={onSelectBox ? () => onSelectBox(box.id) : undefined}
            >
              <title>{`${box.name}${box.place ? ` — ${box.place}` : ''} (${box.online ? 'online' : 'offline'})`}</title>
              {isRinging || isSelected ? <circle className="map-halo" r={11} /> : null}
              <circle className="map-dot" r={5} />
              {isRinging || isSelected ? (
                // Labels of boxes in the right part of the map go to the left of the dot, inside it.
                <text className="map-label" x={x > WIDTH * 0.6 ? -9 : 9} y={4} textAnchor={x > WIDTH * 0.6 ? 'end' : 'start'}>
                  {box.name}
                </text>
              ) : null}
            </g>
          );
        })}
        {placed.length === 0 ? (
          <text className="map-empty" x={WIDTH / 2} y={HEIGHT / 2} textAnchor="middle">
            No call boxes
          </text>
        ) : null}
      </svg>
    </section>
  );
}
