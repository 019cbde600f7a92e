// Vitest global setup: build the dashboard once for every test file that runs the production server.
import { buildDashboard } from './dashboard-server.js';

export default function setup(): void {
  buildDashboard();
}
