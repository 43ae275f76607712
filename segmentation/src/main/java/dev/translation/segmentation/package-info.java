/**
 * Texts into translation segments and back: sentence splitting, bounded segment length, and
 * reassembly with the original line structure.
 */
package dev.translation.segmentation;
