import type { Faker } from '@faker-js/faker';
import { faker as frenchLocale } from '@faker-js/faker/locale/fr';

/**
 * faker's root module loads every locale (16 MB of heap that every service importing eventflake would
 * carry, a consumer that never generates included); the French one alone is 3 MB. That module exports
 * a shared instance only, so each catalogue part gets its own instance of the same class and locale
 * data: no seed is shared with the application's own use of faker.
 */
const FakerClass = frenchLocale.constructor as typeof Faker;

/**
 * A French-locale faker seeded for one catalogue part. Catalogue text is drawn once, up front; the
 * per-event path never calls faker, which keeps generation cheap.
 *
 * @example
 * frenchFaker(1, 2).location.city(); // the same French city name on every run
 */
export function frenchFaker(seed: number, part: number): Faker {
  const faker = new FakerClass({ locale: frenchLocale.rawDefinitions });
  faker.seed([seed, part]);
  return faker;
}

/** One French person: name, e-mail, city and a postal address in that city. */
export interface FrenchPerson {
  readonly name: string;
  readonly email: string;
  readonly city: string;
  readonly address: string;
}

/** Draw one coherent person (the e-mail is built from the name, the address is in the city). */
export function frenchPerson(faker: Faker): FrenchPerson {
  const firstName = faker.person.firstName();
  const lastName = faker.person.lastName();
  const city = faker.location.city();
  return {
    name: `${firstName} ${lastName}`,
    email: faker.internet.email({ firstName, lastName }).toLowerCase(),
    city,
    address: `${faker.location.streetAddress()}, ${faker.location.zipCode()} ${city}`,
  };
}
