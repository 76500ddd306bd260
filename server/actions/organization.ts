import { z } from "zod";
import { renameOrganization } from "@/db/queries/organizations";
import { orgNameSchema } from "@/lib/auth/schemas";
import { defineOrgAction } from "../org-action";

export const renameOrganizationAction = defineOrgAction({
  name: "org.rename",
  permission: "org.rename",
  input: z.object({ name: orgNameSchema }),
  handler: async (tx, { org, input }) => {
    // The slug stays: bookmarks and shared links keep working after a rename.
    const renamed = await renameOrganization(tx, org.id, input.name);
    return {
      result: { name: renamed.name },
      audit:
        org.name === renamed.name
          ? null
          : { objectType: "organization", objectId: org.id, before: { name: org.name }, after: { name: renamed.name } },
    };
  },
});
