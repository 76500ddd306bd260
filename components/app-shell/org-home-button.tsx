"use client";

import Link from "next/link";
import { useParams } from "next/navigation";

import { Button } from "@/components/ui/button";

/**
 * "Go to the dashboard" of the organisation in the URL. A client component because not-found and forbidden pages
 * are not given the route's params; the router knows them.
 */
function OrgHomeButton() {
  const { slug } = useParams<{ slug?: string }>();
  return (
    <Button asChild>
      <Link href={slug ? `/o/${slug}` : "/"}>Go to the dashboard</Link>
    </Button>
  );
}

export { OrgHomeButton };
