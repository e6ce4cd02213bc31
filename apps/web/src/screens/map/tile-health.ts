/**
 * Whether the tile server can be reached, judged from the tile layer's own events: a few
 * tiles failing before any has loaded means there is no base map to be had (no internet,
 * a wrong URL), and the map goes on with its zones alone rather than retrying for ever.
 * Once a tile has loaded, a failing tile is a gap, not an outage.
 */
export class TileHealth {
  private loaded = 0;
  private failed = 0;

  constructor(private readonly failuresBeforeOffline = 3) {}

  tileLoaded(): void {
    this.loaded++;
  }

  /** Counts a failed tile; true when the base map should be given up. */
  tileFailed(): boolean {
    this.failed++;
    return this.loaded === 0 && this.failed >= this.failuresBeforeOffline;
  }
}
