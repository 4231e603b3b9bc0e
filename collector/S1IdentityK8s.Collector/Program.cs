// Placeholder until the pipeline lands in this same change.
return 0;
