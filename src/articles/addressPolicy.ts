import ipaddr from 'ipaddr.js';

/** Decides whether the bot may connect to an IP address when fetching a page a moderator named. */
export type AddressPolicy = (address: string) => boolean;

/**
 * Only addresses on the public internet. ipaddr.js names the special ranges (RFC 6890 and
 * friends): loopback, private, link-local, carrier-grade NAT, multicast, unspecified,
 * unique-local, reserved and the translation prefixes; anything but plain `unicast` is
 * refused. An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is judged as the IPv4 address it is.
 */
export const publicAddressesOnly: AddressPolicy = (address) => {
  // process() turns an IPv4-mapped IPv6 address into the IPv4 address it carries.
  return ipaddr.isValid(address) && ipaddr.process(address).range() === 'unicast';
};

/**
 * ARTICLE_FETCH_ALLOW_PRIVATE=true: a private news mirror on the operator's own network.
 * Multicast and the unspecified address stay refused: no web page lives there.
 */
export const privateAddressesToo: AddressPolicy = (address) => {
  if (!ipaddr.isValid(address)) return false;
  const range = ipaddr.process(address).range();
  return range !== 'multicast' && range !== 'unspecified' && range !== 'broadcast';
};

/** An address as a person reads it: an IPv4-mapped IPv6 address shown as the IPv4 address it carries. */
export function readableAddress(address: string): string {
  return ipaddr.isValid(address) ? ipaddr.process(address).toString() : address;
}
