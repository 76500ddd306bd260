/** How the two import sources are named everywhere in the interface. */
export const SOURCE_LABEL: Record<"azure" | "m365", string> = { azure: "Azure usage", m365: "Microsoft 365 licences" };
