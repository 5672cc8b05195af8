import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Served by the tests at /spa-react/ from dist/ (tests/conftest.py, SPA_ROOTS).
export default defineConfig({
  base: "/spa-react/",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false },
});
