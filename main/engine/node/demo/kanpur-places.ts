// Real Kanpur places with approximate coordinates, for the built-in demo site.
export interface Place {
  name: string;
  lat: number;
  lon: number;
}

export const kanpurPlaces = {
  ghantaghar: { name: 'Ghantaghar Square', lat: 26.4593, lon: 80.3497 },
  badaChauraha: { name: 'Bada Chauraha', lat: 26.4669, lon: 80.3504 },
  mallRoad: { name: 'Mall Road', lat: 26.4721, lon: 80.3521 },
  parade: { name: 'Parade', lat: 26.4708, lon: 80.3462 },
  naveenMarket: { name: 'Naveen Market', lat: 26.4727, lon: 80.3413 },
  swaroopNagar: { name: 'Swaroop Nagar', lat: 26.4862, lon: 80.3229 },
  kakadeo: { name: 'Kakadeo', lat: 26.4751, lon: 80.2993 },
  govindNagar: { name: 'Govind Nagar', lat: 26.4423, lon: 80.2921 },
  kidwaiNagar: { name: 'Kidwai Nagar', lat: 26.4331, lon: 80.3238 },
  panki: { name: 'Panki Industrial Area', lat: 26.4772, lon: 80.2498 },
  dadaNagar: { name: 'Dada Nagar Industrial Area', lat: 26.4473, lon: 80.2752 },
  fazalganj: { name: 'Fazalganj', lat: 26.4578, lon: 80.3031 },
  rawatpur: { name: 'Rawatpur', lat: 26.4903, lon: 80.3047 },
  kalyanpur: { name: 'Kalyanpur', lat: 26.5101, lon: 80.2597 },
  iitGate: { name: 'IIT Gate', lat: 26.5062, lon: 80.2318 },
  rambagh: { name: 'Rambagh', lat: 26.4683, lon: 80.3331 },
  civilLines: { name: 'Civil Lines', lat: 26.4792, lon: 80.3452 },
  jajmau: { name: 'Jajmau', lat: 26.4331, lon: 80.4093 },
  chakeri: { name: 'Chakeri', lat: 26.4082, lon: 80.3988 },
  shyamNagar: { name: 'Shyam Nagar', lat: 26.4262, lon: 80.3761 },
  barra: { name: 'Barra', lat: 26.4183, lon: 80.2889 },
  naubasta: { name: 'Naubasta', lat: 26.4031, lon: 80.3172 },
  vijayNagar: { name: 'Vijay Nagar', lat: 26.4671, lon: 80.2819 },
  collectorganj: { name: 'Collectorganj', lat: 26.4632, lon: 80.3561 },
  jhakarkati: { name: 'Jhakarkati Bus Station', lat: 26.4461, lon: 80.3262 },
  rocketTiraha: { name: 'Rocket Tiraha', lat: 26.4392, lon: 80.3062 },
  lalbangla: { name: 'Lal Bangla', lat: 26.4412, lon: 80.3902 },
  gumti: { name: 'Gumti No. 5', lat: 26.4698, lon: 80.3171 },
} satisfies Record<string, Place>;
