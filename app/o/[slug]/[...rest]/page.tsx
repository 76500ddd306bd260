import { notFound } from "next/navigation";

/**
 * Any other address under an organisation: the organisation's layout checks the membership first (non-members get
 * the plain 404), then members get the not-found page inside the organisation's navigation.
 */
export default function UnknownOrgPage() {
  notFound();
}
