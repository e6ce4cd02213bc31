/**
 * The demo fleet the seed registers and the simulator drives: trucks of the two logistics
 * companies, each with a JT/T 808 terminal. Both sides derive it from here, so a simulator
 * started against a freshly seeded Harbor finds every one of its terminals known.
 */
export const DEMO_FLEET_SIZE = 40;

export type DemoTruck = {
  organization: 'DHCL' | 'LGFT';
  plate: string;
  /** The 12-digit terminal phone number of its JT/T 808 terminal (2013 header). */
  terminalPhone: string;
};

export function demoFleet(size = DEMO_FLEET_SIZE): DemoTruck[] {
  return Array.from({ length: size }, (_, i) => {
    const n = i + 1;
    const dhcl = n % 2 === 1;
    return {
      organization: dhcl ? 'DHCL' : 'LGFT',
      plate: `${dhcl ? '沪D' : '沪E'}8${String(n).padStart(4, '0')}`,
      terminalPhone: `0139170${String(n).padStart(5, '0')}`,
    };
  });
}
