import { z } from "zod";
import { clearSampleData, loadSampleData, SampleDataError } from "../sample-data";
import { ActionFailure, defineOrgAction, personOf } from "../org-action";

/** Fills an organisation without data with generated sample data, through the import pipeline (admins only). */
export const loadSampleDataAction = defineOrgAction({
  name: "sampleData.load",
  permission: "data.sample",
  input: z.object({}),
  handler: async (tx, scope) => {
    const { org } = scope;
    try {
      const after = await loadSampleData(tx, org.id, personOf(scope).id);
      return { result: after, audit: { objectType: "organization", objectId: org.id, after } };
    } catch (err) {
      if (err instanceof SampleDataError) throw new ActionFailure("conflict", err.message);
      throw err;
    }
  },
});

/** Removes the sample data and everything computed from it, in one click (admins only). */
export const clearSampleDataAction = defineOrgAction({
  name: "sampleData.clear",
  permission: "data.sample",
  input: z.object({}),
  handler: async (tx, { org }) => {
    try {
      const before = await clearSampleData(tx, org.id);
      return { result: before, audit: { objectType: "organization", objectId: org.id, before, after: null } };
    } catch (err) {
      if (err instanceof SampleDataError) throw new ActionFailure("conflict", err.message);
      throw err;
    }
  },
});
