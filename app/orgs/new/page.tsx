import type { Metadata } from "next";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { NewOrgForm } from "./new-org-form";

export const metadata: Metadata = { title: "New organisation" };

export default function NewOrganizationPage() {
  return (
    <Card className="max-w-xl">
      <CardHeader>
        <CardTitle as="h1" className="text-xl">
          New organisation
        </CardTitle>
        <CardDescription>You become its admin and can invite colleagues.</CardDescription>
      </CardHeader>
      <CardContent>
        <NewOrgForm />
      </CardContent>
    </Card>
  );
}
