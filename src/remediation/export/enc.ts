// The answer of Puppet's external node classifier (node_terminus = exec), pure: the node gets class
// steward::patching with its parameters (the same values as its Hiera file), top-scope variables naming its customer
// and tags — with their slugs, so that a hiera.yaml can reach the customer and tag files — and an environment.
// Puppet's format: a hash with `classes` (a hash of class name to parameters, for parameterized classes),
// `parameters` (top-scope variables) and `environment`.
import { unprocessable } from '../../core/errors.js';
import { type ExportNode, type PatchingParameters, patchingClass, patchingParameters } from './hiera.js';

export interface EncParameters {
  steward_customer: string | null;
  steward_customer_slug: string | null;
  steward_tags: string[];
  steward_tag_slugs: string[];
  steward_policy: string | null;
}

export interface EncAnswer {
  classes: Record<string, PatchingParameters>;
  parameters: EncParameters;
  environment: string;
}

export const defaultEnvironment = 'production';

/** Puppet's rule for environment names: letters, digits and underscores (lower case by convention). */
export function validateEnvironment(name: string): string {
  if (!/^[A-Za-z0-9_]{1,100}$/.test(name)) throw unprocessable(`environment: expected letters, digits and underscores (a Puppet environment name), got ${JSON.stringify(name)}`, { field: 'environment' });
  return name;
}

export function encAnswer(node: ExportNode, environment = defaultEnvironment): EncAnswer {
  return {
    classes: { [patchingClass]: patchingParameters(node.policy) },
    parameters: {
      steward_customer: node.customer?.name ?? null,
      steward_customer_slug: node.customer?.slug ?? null,
      steward_tags: node.tags.map((t) => t.name),
      steward_tag_slugs: node.tags.map((t) => t.slug),
      steward_policy: node.policy?.name ?? null,
    },
    environment,
  };
}
