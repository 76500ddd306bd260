import { handlers } from "@/server/auth";

// Auth.js endpoints: the Microsoft Entra ID redirect and callback, session and CSRF endpoints.
export const { GET, POST } = handlers;
