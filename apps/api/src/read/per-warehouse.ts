// What the API derives and keeps per warehouse: made on first use, dropped with the warehouse.
import type { Warehouse } from '@pantau/warehouse';

/** A getter of one `make(warehouse)` per warehouse. */
export function perWarehouse<T>(make: (warehouse: Warehouse) => T): (warehouse: Warehouse) => T {
  const made = new WeakMap<Warehouse, T>();
  return (warehouse) => {
    let value = made.get(warehouse);
    if (value === undefined) {
      value = make(warehouse);
      made.set(warehouse, value);
    }
    return value;
  };
}
