/** Pull requests: their storage, git reading, background mergeability and REST resources. */
package io.codara.review.internal;
