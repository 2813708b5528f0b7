// A moment as the control room reads it: 24-hour local time to the second (21:14:03), the same on
// every machine whatever its locale.
const two = (n: number): string => String(n).padStart(2, '0');

export function clockTime(at: number): string {
  const d = new Date(at);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}
