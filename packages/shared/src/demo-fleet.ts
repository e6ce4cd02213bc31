/**
 * The demo fleet the seed registers and the simulator drives: trucks of the two logistics
 * companies, each with a JT/T 808 terminal. Both sides derive it from here, so a simulator
 * started against a freshly seeded Harbor finds every one of its terminals known.
 */
export const DEMO_FLEET_SIZE = 40;
/** Plates and terminal numbers below are laid out for at most this many trucks. */
export const MAX_DEMO_FLEET = 99_999;

export type DemoTruck = {
  organization: 'DHCL' | 'LGFT';
  plate: string;
  /** The 12-digit terminal phone number of its JT/T 808 terminal (2013 header). */
  terminalPhone: string;
};

export function demoFleet(size = DEMO_FLEET_SIZE): DemoTruck[] {
  if (!Number.isInteger(size) || size < 0 || size > MAX_DEMO_FLEET)
    throw new RangeError(`the demo fleet has 0 to ${MAX_DEMO_FLEET} trucks, not ${size}`);
  return Array.from({ length: size }, (_, i) => demoTruck(i + 1));
}

/** Truck n (from 1): odd numbers drive for DHCL, even for LGFT; plates like 沪DF00001. */
export function demoTruck(n: number): DemoTruck {
  const dhcl = n % 2 === 1;
  const serial = String(n).padStart(5, '0');
  return {
    organization: dhcl ? 'DHCL' : 'LGFT',
    plate: `${dhcl ? '沪D' : '沪E'}F${serial}`,
    terminalPhone: `0139170${serial}`,
  };
}
