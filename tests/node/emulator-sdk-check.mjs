// Drives the Runway emulator with the official Node SDK (@runwayml/sdk, resolved from the repository's node_modules).
// Needs RUNWAYML_BASE_URL (the emulator) and RUNWAYML_API_SECRET (any well-formed key). Prints one JSON line of
// facts for the calling test and exits non-zero on the first broken expectation.
import assert from 'node:assert/strict';
import RunwayML, { TaskFailedError, toFile } from '@runwayml/sdk';

const client = new RunwayML({ maxRetries: 0 });
const facts = {};

// create + waitForTaskOutput (the SDK waits ~6 s before its first poll)
const started = Date.now();
const task = await client.imageToVideo
  .create({
    model: 'gen4.5',
    promptImage: 'https://example.com/fox.png',
    promptText: 'A red fox running through snow',
    ratio: '1280:720',
    duration: 5,
  })
  .waitForTaskOutput({ timeout: 60_000 });
assert.equal(task.status, 'SUCCEEDED');
assert.equal(task.output.length, 1);
facts.succeededId = task.id;
facts.waitMs = Date.now() - started;

// the output is a real MP4 behind the signed URL
const video = await fetch(task.output[0]);
assert.equal(video.status, 200);
assert.equal(video.headers.get('content-type'), 'video/mp4');
const bytes = new Uint8Array(await video.arrayBuffer());
assert.equal(new TextDecoder().decode(bytes.slice(4, 8)), 'ftyp');
facts.outputBytes = bytes.length;

// tasks.retrieve
const again = await client.tasks.retrieve(task.id);
assert.equal(again.id, task.id);
assert.equal(again.status, 'SUCCEEDED');

// a failing task: tasks.retrieve(...).waitForTaskOutput() polls at once and throws TaskFailedError
const failing = await client.textToVideo.create({
  model: 'veo3.1',
  promptText: 'a storm [emulator:fail=SAFETY.OUTPUT.VIDEO]',
  ratio: '1280:720',
});
await new Promise((resolve) => setTimeout(resolve, Number(process.env.EMULATOR_TASK_MS ?? 1500)));
await assert.rejects(client.tasks.retrieve(failing.id).waitForTaskOutput(), (error) => {
  assert.ok(error instanceof TaskFailedError, `expected TaskFailedError, got ${error}`);
  assert.equal(error.taskDetails.failureCode, 'SAFETY.OUTPUT.VIDEO');
  return true;
});

// tasks.delete, then the task is gone
await client.tasks.delete(task.id);
await assert.rejects(client.tasks.retrieve(task.id), (error) => {
  assert.equal(error.status, 404);
  return true;
});
facts.deletedId = task.id;

// organization.retrieve
const organization = await client.organization.retrieve();
assert.equal(typeof organization.creditBalance, 'number');
assert.ok(organization.tier.models['gen4.5'].maxConcurrentGenerations >= 1);
assert.equal(organization.usage.models['gen4.5'].dailyGenerations, 1);
facts.creditBalance = organization.creditBalance;

// a body the API rejects surfaces as the SDK's BadRequestError with Runway's message
await assert.rejects(
  client.imageToVideo.create({ model: 'gen4.5', promptImage: 'http://example.com/a.png', promptText: 'x', ratio: '1280:720', duration: 5 }),
  (error) => {
    assert.equal(error.status, 400);
    assert.match(error.message, /promptImage/);
    return true;
  },
);

// ephemeral upload through the SDK's own helper (POST /v1/uploads, then the multipart POST to the presigned URL),
// and the runway:// URI it returns accepted as promptImage
const image = new Uint8Array(4096);
image.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const upload = await client.uploads.createEphemeral({ file: await toFile(image, 'fox.png', { type: 'image/png' }) });
assert.match(upload.uri, /^runway:\/\//);
const fromUpload = await client.imageToVideo.create({
  model: 'gen4.5',
  promptImage: upload.uri,
  promptText: 'A red fox running through snow',
  ratio: '1280:720',
  duration: 5,
});
assert.ok(fromUpload.id);
facts.uploadUri = upload.uri;
facts.uploadTaskId = fromUpload.id;

// a runway:// URI that was never uploaded is a BadRequestError naming the field
await assert.rejects(
  client.imageToVideo.create({ model: 'gen4.5', promptImage: 'runway://uploads/never', promptText: 'x', ratio: '1280:720', duration: 5 }),
  (error) => {
    assert.equal(error.status, 400);
    assert.match(error.message, /promptImage/);
    return true;
  },
);

console.log(JSON.stringify({ ok: true, ...facts }));
