import { z } from "zod";
import { setEnrolmentDate } from "@/db/queries/qualification";
import { isDate } from "@/lib/qualification-window";
import { defineOrgAction } from "../org-action";

/** The day the organisation was enrolled in the designation (empty clears it): an organisation setting. */
export const setEnrolmentAction = defineOrgAction({
  name: "org.enrolment",
  permission: "org.settings",
  input: z.object({
    enrolledOn: z
      .string()
      .trim()
      .refine((v) => v === "" || isDate(v), "Use a date of the form YYYY-MM-DD, e.g. 2026-03-15."),
  }),
  handler: async (tx, { org, input }) => {
    const after = input.enrolledOn === "" ? null : input.enrolledOn;
    if (after === org.enrolledOn) return { result: { enrolledOn: after }, audit: null };
    await setEnrolmentDate(tx, org.id, after);
    return {
      result: { enrolledOn: after },
      audit: {
        objectType: "organization",
        objectId: org.id,
        before: { enrolledOn: org.enrolledOn },
        after: { enrolledOn: after },
      },
    };
  },
});
