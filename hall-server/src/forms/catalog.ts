// The form definitions the hall serves: the shipped ones (fixtures/forms) plus those an admin
// uploaded (SQLite); for each form the highest version is the one offered, and every version
// stays readable because submissions record the version they were filled against.
import { formDefinitionSchema, type FormDefinition, type FormSummary } from '@hall/common/forms/index';

interface Entry {
  definition: FormDefinition;
  origin: FormSummary['origin'];
}

export class FormCatalog {
  /** form id → versions, ascending. */
  private readonly forms = new Map<string, Entry[]>();

  add(definition: FormDefinition, origin: FormSummary['origin']): void {
    const versions = this.forms.get(definition.id) ?? [];
    const at = versions.findIndex((e) => e.definition.version === definition.version);
    // An uploaded version replaces a shipped one of the same number (it was checked as newer when uploaded).
    if (at >= 0) versions[at] = { definition, origin };
    else versions.push({ definition, origin });
    versions.sort((a, b) => a.definition.version - b.definition.version);
    this.forms.set(definition.id, versions);
  }

  /** The newest version, or the given one. */
  get(id: string, version?: number): FormDefinition | undefined {
    return this.entry(id, version)?.definition;
  }

  newestVersion(id: string): number | undefined {
    return this.forms.get(id)?.at(-1)?.definition.version;
  }

  summary(id: string, version?: number): FormSummary | undefined {
    const entry = this.entry(id, version);
    return entry ? summarize(entry) : undefined;
  }

  /** The newest version of each form, by title. */
  list(): FormSummary[] {
    return [...this.forms.values()].map((versions) => summarize(versions.at(-1)!)).sort((a, b) => a.title.localeCompare(b.title, 'zh-CN'));
  }

  private entry(id: string, version?: number): Entry | undefined {
    const versions = this.forms.get(id);
    if (!versions) return undefined;
    return version === undefined ? versions.at(-1) : versions.find((e) => e.definition.version === version);
  }
}

function summarize({ definition: d, origin }: Entry): FormSummary {
  return {
    id: d.id,
    version: d.version,
    title: d.title,
    updated: d.updated,
    serviceItemIds: d.serviceItemIds,
    materials: d.materials,
    pageCount: d.layout.pages.length,
    origin,
  };
}

/** Parses a stored definition again (the schema may have gained defaults since). */
export function reparse(json: unknown): FormDefinition {
  return formDefinitionSchema.parse(json);
}
