import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";

/**
 * The members page's place for inviting colleagues (permission "invitations.manage").
 * Invitations are not built yet: replace this card with the invite form and the pending list.
 */
export function InvitePanel() {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Invite colleagues</CardTitle>
        <CardDescription>Invitations are not available yet. Colleagues who sign up create their own organisation.</CardDescription>
      </CardHeader>
      <CardContent />
    </Card>
  );
}
