import { FormatRegistry } from '@sinclair/typebox';

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** TypeBox knows no formats of its own; `date-time` is an ISO 8601 moment that the calendar accepts. */
export function registerDateTimeFormat(): void {
  if (!FormatRegistry.Has('date-time'))
    FormatRegistry.Set('date-time', (value) => ISO_DATE_TIME.test(value) && !Number.isNaN(Date.parse(value)));
}
